import Foundation

/// Hand-made `.qdpx` projects in the styles of the four anchors, built here
/// rather than committed so that every position is computed from the text it
/// points into. Each knows the quote every coding must come out with.
struct StyleFixture {
    let name: String
    let qde: String
    let files: [String: String]
    /// Coding GUID (canonical, uppercase) → the text it codes, in normalised form.
    let quotes: [String: String]

    func write(in scratch: ScratchDirectory) throws -> URL {
        let url = scratch.file("\(name).qdpx")
        try ZipBuilder.qdpx(qde, files: files, to: url)
        return url
    }
}

/// Finds a quote's span the way an exporter counted it.
struct Counter {
    enum Mode { case scalars, crlfAsOne, utf16 }
    let raw: String
    let mode: Mode

    private var counted: [String] {
        switch mode {
        case .scalars: return raw.unicodeScalars.map { String($0) }
        case .crlfAsOne: return raw.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.map { String($0) }
        case .utf16: return raw.utf16.map { String($0) }
        }
    }

    /// `[start, end)` of the `occurrence`-th (1-based) appearance of `quote`.
    func span(_ quote: String, occurrence: Int = 1) -> (Int, Int) {
        let hay: [String], needle: [String]
        switch mode {
        case .scalars:
            hay = counted
            needle = quote.unicodeScalars.map { String($0) }
        case .crlfAsOne:
            hay = counted
            needle = quote.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.map { String($0) }
        case .utf16:
            hay = counted
            needle = quote.utf16.map { String($0) }
        }
        var seen = 0
        var i = 0
        while i + needle.count <= hay.count {
            if Array(hay[i..<(i + needle.count)]) == needle {
                seen += 1
                if seen == occurrence { return (i, i + needle.count) }
            }
            i += 1
        }
        fatalError("`\(quote)` not found")
    }
}

enum StyleFixtures {
    static let interview = """
        Interviewer: How did the course start?
        Anna: Honestly, I was nervous at first.
        Then the group work made it easier.
        Interviewer: And the assessment?
        Anna: The feedback was fair but late.

        """

    static let followUp = """
        Interviewer: Anything else?
        Ben: The workshop helped me a lot.
        Ben: I still dislike exams.

        """

    static func crlf(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: "\r\n") }

    /// ATLAS.ti: CRLF text counted with `\r\n` as one character, GUIDs in braces and lower case.
    static var atlas: StyleFixture {
        let text = crlf(interview)
        let c = Counter(raw: text, mode: .crlfAsOne)
        let user = "{8c3b1e2a-5d4f-4a6b-9c7d-0e1f2a3b4c5d}"
        let codeA = "{a1b2c3d4-0000-4000-8000-000000000001}", codeB = "{a1b2c3d4-0000-4000-8000-000000000002}"
        let source = "{d0d0d0d0-1111-4222-8333-444455556666}"
        let quotes = [
            ("{c0000000-0000-4000-8000-000000000001}", "nervous at first", codeA),
            ("{c0000000-0000-4000-8000-000000000002}", "group work made it easier", codeB),
            ("{c0000000-0000-4000-8000-000000000003}", "The feedback was fair but late.", codeA),
            ("{c0000000-0000-4000-8000-000000000004}", "Then the group work made it easier.\r\nInterviewer: And the assessment?", codeB),
        ]
        var selections = ""
        for (i, (coding, quote, code)) in quotes.enumerated() {
            let (s, e) = c.span(quote)
            selections += """
                  <PlainTextSelection guid="{e0000000-0000-4000-8000-00000000000\(i)}" name="\(i + 1):1" startPosition="\(s)" endPosition="\(e)" creatingUser="\(user)" creationDateTime="2024-03-0\(i + 1)T10:00:00">
                    <Coding guid="\(coding)" creatingUser="\(user)" creationDateTime="2024-03-0\(i + 1)T10:00:00">
                      <CodeRef targetGUID="\(code)"/>
                    </Coding>
                  </PlainTextSelection>

                """
        }
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="Course interviews" origin="ATLAS.ti Windows (23.2.1.0)" creatingUserGUID="\(user)" creationDateTime="2024-03-01T09:00:00">
              <Users>
                <User guid="\(user)" name="Anna's coder"/>
              </Users>
              <CodeBook>
                <Codes>
                  <Code guid="\(codeA)" name="Feelings" isCodable="true" color="#F0A"/>
                  <Code guid="\(codeB)" name="Group work" isCodable="true" color="#00AAFF"/>
                </Codes>
              </CodeBook>
              <Sources>
                <TextSource guid="\(source)" name="Interview Anna" plainTextPath="internal://\(source).txt" creatingUser="\(user)">
            \(selections)    </TextSource>
              </Sources>
            </Project>
            """
        return StyleFixture(
            name: "atlas", qde: qde, files: ["sources/\(source).txt": text],
            quotes: Dictionary(uniqueKeysWithValues: quotes.map {
                (REFIGUIDText.canonical($0.0), $0.1.replacingOccurrences(of: "\r\n", with: "\n"))
            }))
    }

    /// MAXQDA: CRLF text counted literally, selections with a comment and no
    /// coding, two sources with the same name, sets of sources.
    static var maxqda: StyleFixture {
        let a = crlf(interview), b = crlf(followUp)
        let ca = Counter(raw: a, mode: .scalars), cb = Counter(raw: b, mode: .scalars)
        let user = "0B8E2C55-7A1D-4C3E-9F60-1A2B3C4D5E6F"
        let codes = ["11111111-2222-4333-8444-555555555501", "11111111-2222-4333-8444-555555555502",
                     "11111111-2222-4333-8444-555555555503"]
        let spec: [(source: Int, coding: String, quote: String, code: Int)] = [
            (0, "C1000000-0000-4000-8000-000000000001", "Honestly, I was nervous at first.", 0),
            (0, "C1000000-0000-4000-8000-000000000002", "group work", 1),
            (0, "C1000000-0000-4000-8000-000000000003", "assessment", 2),
            (0, "C1000000-0000-4000-8000-000000000004", "fair but late", 2),
            (1, "C1000000-0000-4000-8000-000000000005", "workshop helped me", 1),
            (1, "C1000000-0000-4000-8000-000000000006", "dislike exams", 0),
        ]
        var selections = ["", ""]
        for (i, s) in spec.enumerated() {
            let (start, end) = (s.source == 0 ? ca : cb).span(s.quote)
            selections[s.source] += """
                  <PlainTextSelection guid="5E1EC700-0000-4000-8000-0000000000\(10 + i)" startPosition="\(start)" endPosition="\(end)" creatingUser="\(user)" creationDateTime="2023-11-0\(i + 1)T08:15:00Z" modifyingUser="\(user)" modifiedDateTime="2023-11-0\(i + 1)T08:15:00Z">
                    <Coding guid="\(s.coding)" creatingUser="\(user)" creationDateTime="2023-11-0\(i + 1)T08:15:00Z">
                      <CodeRef targetGUID="\(codes[s.code])"/>
                    </Coding>
                  </PlainTextSelection>

                """
        }
        // A commented passage: a selection with a Description and no Coding.
        let (cs, ce) = ca.span("How did the course start?")
        selections[0] += """
              <PlainTextSelection guid="5E1EC700-0000-4000-8000-000000000099" startPosition="\(cs)" endPosition="\(ce)" creatingUser="\(user)">
                <Description>Opening question, same in every interview</Description>
              </PlainTextSelection>

            """
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:QDA-XML:project:1.0" origin="MAXQDA 2022 (Release 22.7.0)" name="Course study" modifiedDateTime="2023-11-10T12:00:00Z">
             <Users>
              <User guid="\(user)" name="mq"/>
             </Users>
             <CodeBook>
              <Codes>
               <Code color="#ef8256" guid="11111111-2222-4333-8444-555555555500" name="Experience" isCodable="true">
                <Description>Parent category</Description>
                <Code color="#ef8256" guid="\(codes[0])" name="Emotion" isCodable="true"><Description>Feelings &amp; moods</Description></Code>
                <Code color="#3b82f6" guid="\(codes[1])" name="Collaboration" isCodable="true"/>
               </Code>
               <Code color="#32bd59" guid="\(codes[2])" name="Assessment" isCodable="true"/>
              </Codes>
             </CodeBook>
             <Sources>
              <TextSource modifyingUser="\(user)" guid="D1000000-0000-4000-8000-000000000001" creatingUser="\(user)" creationDateTime="2023-11-01T08:00:00Z" name="Interview" plainTextPath="internal://D1000000-0000-4000-8000-000000000001.txt" modifiedDateTime="2023-11-01T08:00:00Z">
            \(selections[0])  </TextSource>
              <TextSource modifyingUser="\(user)" guid="D1000000-0000-4000-8000-000000000002" creatingUser="\(user)" creationDateTime="2023-11-02T08:00:00Z" name="Interview" plainTextPath="internal://D1000000-0000-4000-8000-000000000002.txt" modifiedDateTime="2023-11-02T08:00:00Z">
            \(selections[1])  </TextSource>
             </Sources>
             <Sets>
              <Set guid="5E700000-0000-4000-8000-000000000001" name="Wave 1">
               <MemberSource targetGUID="D1000000-0000-4000-8000-000000000001"/>
               <MemberSource targetGUID="D1000000-0000-4000-8000-000000000002"/>
              </Set>
             </Sets>
            </Project>
            """
        return StyleFixture(
            name: "maxqda", qde: qde,
            files: ["sources/D1000000-0000-4000-8000-000000000001.txt": a,
                    "sources/D1000000-0000-4000-8000-000000000002.txt": b],
            quotes: Dictionary(uniqueKeysWithValues: spec.map { ($0.coding, $0.quote) }))
    }

    /// NVivo: a relative `plainTextPath`, a source given inline, annotations
    /// as notes joined by `Link`s, variables and cases, and a vendor extension
    /// element and attribute.
    static var nvivo: StyleFixture {
        let inline = "Field notes: the seminar room was cold & crowded.\nStudents <mostly> stayed quiet."
        let cf = Counter(raw: interview, mode: .scalars), ci = Counter(raw: inline, mode: .scalars)
        let user = "6A6A6A6A-0000-4000-8000-00000000AAAA"
        let (s1, e1) = cf.span("nervous")
        let (s2, e2) = cf.span("The feedback was fair")
        let (s3, e3) = ci.span("cold & crowded")
        let (s4, e4) = ci.span("Students <mostly> stayed quiet.")
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" xmlns:nv="urn:example:nvivo-extensions" name="Seminar study" origin="NVivo 14 (14.23.0)" creationDateTime="2024-05-01T09:30:00.000+02:00">
              <Users>
                <User guid="\(user)" name="Rosa" id="RS"/>
              </Users>
              <CodeBook>
                <Codes>
                  <Code guid="7C000000-0000-4000-8000-000000000001" name="Affect" isCodable="true"/>
                  <Code guid="7C000000-0000-4000-8000-000000000002" name="Setting" isCodable="true" color="#A0522D"/>
                </Codes>
              </CodeBook>
              <Variables>
                <Variable guid="7A000000-0000-4000-8000-000000000001" name="Cohort" typeOfVariable="Text"/>
              </Variables>
              <Cases>
                <Case guid="7CA00000-0000-4000-8000-000000000001" name="Anna">
                  <SourceRef targetGUID="5C000000-0000-4000-8000-000000000001"/>
                </Case>
              </Cases>
              <Sources>
                <TextSource guid="5C000000-0000-4000-8000-000000000001" name="Interview Anna" plainTextPath="sources/interview anna.txt" nv:nodeType="internal">
                  <PlainTextSelection guid="5E000000-0000-4000-8000-000000000001" startPosition="\(s1)" endPosition="\(e1)" creatingUser="\(user)" creationDateTime="2024-05-02T10:00:00Z">
                    <Coding guid="C2000000-0000-4000-8000-000000000001" creatingUser="\(user)" creationDateTime="2024-05-02T10:00:00Z">
                      <CodeRef targetGUID="7C000000-0000-4000-8000-000000000001"/>
                    </Coding>
                  </PlainTextSelection>
                  <PlainTextSelection guid="5E000000-0000-4000-8000-000000000002" startPosition="\(s2)" endPosition="\(e2)">
                    <Coding guid="C2000000-0000-4000-8000-000000000002" creatingUser="\(user)" creationDateTime="2024-05-02T10:05:00Z">
                      <CodeRef targetGUID="7C000000-0000-4000-8000-000000000001"/>
                    </Coding>
                  </PlainTextSelection>
                  <nv:Extension kind="layout"/>
                </TextSource>
                <TextSource guid="5C000000-0000-4000-8000-000000000002" name="Field notes">
                  <PlainTextContent>\(xmlEscape(inline))</PlainTextContent>
                  <PlainTextSelection guid="5E000000-0000-4000-8000-000000000003" startPosition="\(s3)" endPosition="\(e3)" creatingUser="\(user)">
                    <Coding guid="C2000000-0000-4000-8000-000000000003">
                      <CodeRef targetGUID="7C000000-0000-4000-8000-000000000002"/>
                    </Coding>
                  </PlainTextSelection>
                  <PlainTextSelection guid="5E000000-0000-4000-8000-000000000004" startPosition="\(s4)" endPosition="\(e4)" creatingUser="\(user)">
                    <Coding guid="C2000000-0000-4000-8000-000000000004" creatingUser="\(user)">
                      <CodeRef targetGUID="7C000000-0000-4000-8000-000000000001"/>
                    </Coding>
                  </PlainTextSelection>
                </TextSource>
                <PictureSource guid="91C00000-0000-4000-8000-000000000001" name="Whiteboard" path="internal://board.png"/>
              </Sources>
              <Notes>
                <Note guid="90000000-0000-4000-8000-000000000001" name="Annotation" creatingUser="\(user)" creationDateTime="2024-05-03T11:00:00Z">
                  <PlainTextContent>She said this twice.</PlainTextContent>
                </Note>
                <Note guid="90000000-0000-4000-8000-000000000002" name="Memo on setting">
                  <PlainTextContent>Room booking matters.</PlainTextContent>
                </Note>
              </Notes>
              <Links>
                <Link guid="11000000-0000-4000-8000-000000000001" name="Annotation" direction="OneWay" originGUID="5E000000-0000-4000-8000-000000000001" targetGUID="90000000-0000-4000-8000-000000000001"/>
                <Link guid="11000000-0000-4000-8000-000000000002" direction="Associative" originGUID="90000000-0000-4000-8000-000000000002" targetGUID="7C000000-0000-4000-8000-000000000002"/>
              </Links>
            </Project>
            """
        return StyleFixture(
            name: "nvivo", qde: qde, files: ["sources/interview anna.txt": interview],
            quotes: ["C2000000-0000-4000-8000-000000000001": "nervous",
                     "C2000000-0000-4000-8000-000000000002": "The feedback was fair",
                     "C2000000-0000-4000-8000-000000000003": "cold & crowded",
                     "C2000000-0000-4000-8000-000000000004": "Students <mostly> stayed quiet."])
    }

    /// QualCoder: lowercase GUIDs, positions in code points (Python), text
    /// with decomposed accents (NFD) and emoji, a coding with no user of its
    /// own (its selection's applies), a `plainTextPath` relative to the archive root.
    static var qualcoder: StyleFixture {
        let text = "Le cafe\u{301} e\u{301}tait bon 😀 mais le the\u{301} froid.\nOn revient demain? Oui 👍 surement.\n"
        let c = Counter(raw: text, mode: .scalars)
        let users = ["3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b", "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"]
        let spec: [(coding: String, quote: String, code: String, user: Int)] = [
            ("aaaa0001-0000-4000-8000-000000000001", "cafe\u{301} e\u{301}tait bon", "cc000001-0000-4000-8000-000000000001", 0),
            ("aaaa0001-0000-4000-8000-000000000002", "mais le the\u{301} froid", "cc000001-0000-4000-8000-000000000002", 0),
            ("aaaa0001-0000-4000-8000-000000000003", "revient demain", "cc000001-0000-4000-8000-000000000001", 1),
            ("aaaa0001-0000-4000-8000-000000000004", "surement", "cc000001-0000-4000-8000-000000000002", 1),
            ("aaaa0001-0000-4000-8000-000000000005", "bon 😀 mais", "cc000001-0000-4000-8000-000000000001", 1),
        ]
        var selections = ""
        for (i, s) in spec.enumerated() {
            let (start, end) = c.span(s.quote)
            let codingUser = i == 3 ? "" : " creatingUser=\"\(users[s.user])\""
            selections += """
                  <PlainTextSelection guid="bbbb0001-0000-4000-8000-00000000000\(i)" name="\(s.quote)" startPosition="\(start)" endPosition="\(end)" creatingUser="\(users[s.user])" creationDateTime="2024-07-0\(i + 1)T14:00:00">
                    <Coding guid="\(s.coding)"\(codingUser) creationDateTime="2024-07-0\(i + 1)T14:00:00">
                      <CodeRef targetGUID="\(s.code)"/>
                    </Coding>
                  </PlainTextSelection>

                """
        }
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="qualcoder project" origin="QualCoder 3.5" creatingUserGUID="\(users[0])" creationDateTime="2024-07-01T13:00:00">
              <Users>
                <User guid="\(users[0])" name="default"/>
              </Users>
              <CodeBook>
                <Codes>
                  <Code guid="cc000001-0000-4000-8000-000000000000" name="Mood" isCodable="false" color="#FFC0CB">
                    <Code guid="cc000001-0000-4000-8000-000000000001" name="positive" isCodable="true" color="#90EE90">
                      <Description>Good feelings</Description>
                    </Code>
                    <Code guid="cc000001-0000-4000-8000-000000000002" name="négatif" isCodable="true"/>
                  </Code>
                </Codes>
              </CodeBook>
              <Sources>
                <TextSource guid="dddd0001-0000-4000-8000-000000000001" name="entretien" plainTextPath="entretien.txt" creatingUser="\(users[0])" creationDateTime="2024-07-01T13:05:00">
            \(selections)    </TextSource>
              </Sources>
            </Project>
            """
        return StyleFixture(
            name: "qualcoder", qde: qde, files: ["entretien.txt": text],
            quotes: Dictionary(uniqueKeysWithValues: spec.map {
                (REFIGUIDText.canonical($0.coding), $0.quote.precomposedStringWithCanonicalMapping)
            }))
    }

    static func xmlEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

enum REFIGUIDText {
    /// Uppercase, without braces.
    static func canonical(_ s: String) -> String {
        s.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).uppercased()
    }
}
