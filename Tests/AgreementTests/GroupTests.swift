import Testing
@testable import Agreement

@Test func exclusiveGroupWithMultiCodedUnits() {
    // Five paragraphs: [0,2) [4,6) [8,10) [12,14) [16,18)
    let text = "p1\n\np2\n\np3\n\np4\n\np5"
    let docs = [AgreementDocument(id: "doc", title: "Doc", text: text)]
    let codes = [
        AgreementCode(id: "stance", path: "stance"),
        AgreementCode(id: "pro", path: "stance/pro", group: "stance"),
        AgreementCode(id: "con", path: "stance/con", group: "stance"),
        AgreementCode(id: "neu", path: "stance/neutral", group: "stance"),
        AgreementCode(id: "other", path: "other"),
    ]
    func c(_ coder: String, _ code: String, _ paragraph: Int) -> AgreementCoding {
        AgreementCoding(coder: coder, document: "doc", code: code, start: 4 * paragraph, end: 4 * paragraph + 2)
    }
    let codings = [
        c("alice", "pro", 0), c("bob", "pro", 0), c("carol", "pro", 0),
        c("alice", "pro", 1), c("alice", "con", 1), c("bob", "con", 1), c("carol", "con", 1),  // alice multi-codes p2
        c("alice", "con", 2), c("bob", "con", 2), c("carol", "neu", 2),
        c("alice", "neu", 3), c("bob", "neu", 3),  // carol: missing
        c("bob", "pro", 4), c("carol", "con", 4),  // alice: missing
    ]
    let report = computeAgreement(
        AgreementInput(documents: docs, coders: ["alice", "bob", "carol"], codes: codes, codings: codings), unit: .paragraph)
    #expect(report.groups.count == 1)
    let group = report.groups[0]
    #expect(group.group == "stance")
    #expect(group.categories == ["stance/pro", "stance/con", "stance/neutral"])
    #expect(group.coders == ["alice", "bob", "carol"])
    #expect(group.multiCodedUnits == 1)
    #expect(group.multiCoded == [MultiCodedUnit(document: "doc", start: 4, end: 6, coders: ["alice"])])
    // Ratings of the kept units p1, p3, p4, p5 (pro 0, con 1, neutral 2):
    let alice: [Int?] = [0, 1, 2, nil]
    let bob: [Int?] = [0, 1, 2, 0]
    let carol: [Int?] = [0, 2, nil, 1]
    let ab = group.pairs[0]
    #expect(ab.coders == ["alice", "bob"])
    #expect(ab.n == 3)
    #expect(ab.confusion == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    expectClose(ab.kappa, 1, "alice-bob")
    let ac = group.pairs[1]
    #expect(ac.n == 2)
    #expect(ac.confusion == [[1, 0, 0], [0, 0, 1], [0, 0, 0]])
    expectClose(ac.kappa, Cohen.kappa(table: Cohen.confusion(alice, carol, categories: 3)).value, "alice-carol")
    expectClose(ac.percentAgreement, 50, "alice-carol percent")
    let bc = group.pairs[2]
    #expect(bc.n == 3)
    expectClose(bc.kappa, Cohen.kappa(table: Cohen.confusion(bob, carol, categories: 3)).value, "bob-carol")
    // Fleiss over units every coder rated: p1 and p3 only.
    expectClose(group.fleissKappa, Fleiss.kappa(counts: [[3, 0, 0], [0, 2, 1]]).value, "Fleiss")
    let units = (0..<4).map { [alice[$0], bob[$0], carol[$0]] }
    expectClose(group.krippendorffAlpha, Krippendorff.alphaNominal(units: units).value, "alpha")
    // The children are still analysed one by one as codes; the multi-coded unit counts there.
    #expect(report.codes.map(\.code) == codes.map(\.path))
    #expect(report.codes[1].present == [2, 2, 1])
    #expect(report.codes[2].present == [2, 2, 2])
    // The table prints the group with its confusion matrices.
    let table = report.table()
    #expect(table.contains("stance: categories stance/pro, stance/con, stance/neutral"))
    #expect(table.contains("multi-coded units left out: 1"))
    #expect(table.contains("rows alice, columns bob"))
}

@Test func characterSchemeListsMultiCodedStretches() {
    let docs = [
        AgreementDocument(id: "d1", title: "1", text: String(repeating: "a", count: 20)),
        AgreementDocument(id: "d2", title: "2", text: String(repeating: "b", count: 20)),
    ]
    let codes = [AgreementCode(id: "p", path: "g/p", group: "g"), AgreementCode(id: "q", path: "g/q", group: "g")]
    let codings = [
        AgreementCoding(coder: "a", document: "d1", code: "p", start: 0, end: 10),
        AgreementCoding(coder: "a", document: "d1", code: "q", start: 5, end: 20),  // multi on d1 [5,10)
        AgreementCoding(coder: "b", document: "d1", code: "q", start: 0, end: 20),
        AgreementCoding(coder: "a", document: "d2", code: "p", start: 0, end: 20),
        AgreementCoding(coder: "b", document: "d2", code: "p", start: 15, end: 20),
        AgreementCoding(coder: "b", document: "d2", code: "q", start: 0, end: 20),  // multi on d2 [15,20)
        AgreementCoding(coder: "b", document: "d1", code: "p", start: 18, end: 20),  // multi on d1 [18,20)
    ]
    let report = computeAgreement(AgreementInput(documents: docs, coders: ["a", "b"], codes: codes, codings: codings), unit: .character)
    let group = report.groups[0]
    #expect(group.multiCodedUnits == 5 + 5 + 2)
    #expect(
        group.multiCoded == [
            MultiCodedUnit(document: "d1", start: 5, end: 10, coders: ["a"]),
            MultiCodedUnit(document: "d1", start: 18, end: 20, coders: ["b"]),
            MultiCodedUnit(document: "d2", start: 15, end: 20, coders: ["b"]),
        ])
    // Kept, both rated: d1 [0,5) p/q, [10,18) q/q; d2 [0,15) p/q.
    #expect(group.pairs[0].confusion == [[0, 20], [0, 8]])
}
