import Foundation
import Interop
import Testing

@Suite struct HTMLReportTests {
    static let hostile = "<img src=x onerror=\"window.__xss=1\"> & 'quotes'"

    static var data: ReportData {
        let coders = ["Ana", "Ben", "Chen"]
        let pairs = [["Ana", "Ben"], ["Ana", "Chen"], ["Ben", "Chen"]]
        func pair(_ i: Int, _ k: Double?, _ ci: ClosedRange<Double>?, note: String? = nil) -> ReportData.Pair {
            ReportData.Pair(coders: pairs[i], kappa: k, ci95: ci, percentAgreement: k.map { 60 + 35 * $0 }, n: 120, note: note)
        }
        return ReportData(
            title: "Agreement — Course study", subtitle: "character units · 12 documents · generated for a test",
            coders: coders,
            codes: [
                .init(path: "Mood/positive", pairs: [pair(0, 0.82, 0.71...0.93), pair(1, 0.64, 0.5...0.78), pair(2, 0.71, 0.58...0.84)],
                      fleissKappa: 0.72, krippendorffAlpha: 0.73),
                .init(path: "Mood/negative", pairs: [pair(0, 0.41, 0.2...0.62), pair(1, -0.12, -0.35...0.11), pair(2, 0.05, nil)],
                      fleissKappa: 0.1, krippendorffAlpha: 0.11),
                .init(path: "Topic/" + hostile, pairs: [pair(0, nil, nil, note: "no unit has this code"), pair(1, 0.9, 0.8...1), pair(2, 0.95, 0.9...1)]),
                .init(path: "A very long code path/that goes on and on/and on until it has to be clipped somewhere",
                      pairs: [pair(0, 0.33, 0.1...0.56), pair(1, 0.5, 0.3...0.7), pair(2, 0.55, 0.35...0.75)]),
            ],
            overall: .init(kappa: 0.61, ci95: 0.55...0.67, fleissKappa: 0.58, krippendorffAlpha: 0.6, percentAgreement: 88.4),
            groups: [
                .init(path: "Mood", categories: ["positive", "negative", "neutral"], pairs: [
                    .init(pair: pair(0, 0.7, 0.6...0.8), confusion: [[30, 2, 3], [1, 25, 4], [2, 3, 40]]),
                    .init(pair: pair(1, 0.5, 0.4...0.6), confusion: [[20, 8, 7], [6, 18, 6], [5, 4, 36]]),
                    .init(pair: pair(2, 0.6, nil), confusion: [[25, 5, 5], [3, 22, 5], [4, 2, 39]]),
                ], fleissKappa: 0.6, krippendorffAlpha: 0.61),
            ],
            trend: .init(steps: [
                .init(label: "round 1", values: [.init(code: "Mood/positive", kappa: 0.4, alpha: 0.42), .init(code: "Mood/negative", kappa: 0.1)]),
                .init(label: "round 2", values: [.init(code: "Mood/positive", kappa: 0.6, alpha: 0.61), .init(code: "Mood/negative", kappa: 0.25)]),
                .init(label: "round 3", values: [.init(code: "Mood/positive", kappa: 0.82, alpha: 0.8), .init(code: "Mood/negative", kappa: nil)]),
            ]),
            disagreements: [
                .init(document: "Interview 1", start: 100, end: 109, text: "Good days", coders: [
                    .init(coder: "Ana", spans: [.init(code: "Mood/positive", start: 0, end: 5)]),
                    .init(coder: "Ben", spans: [.init(code: "Mood/positive", start: 0, end: 5), .init(code: "Mood/negative", start: 3, end: 9)]),
                    .init(coder: "Chen", spans: []),
                ], consensus: .init(codes: ["Mood/positive"], decidedBy: "Ana", note: "Ben's second code overlaps")),
                .init(document: "Notes " + hostile, start: 0, end: 4, text: "<b>!", coders: [
                    .init(coder: "Ana", spans: []),
                    .init(coder: "Ben", spans: [.init(code: "Topic/" + hostile, start: 2, end: 4)]),
                    .init(coder: "Chen", spans: [.init(code: "Mood/negative", start: 0, end: 40)]),
                ]),
            ],
            notes: ["Kappa is Cohen's per pair; " + hostile])
    }

    @Test func pageIsSelfContainedAndEscaped() {
        let html = HTMLReport.render(Self.data)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("url(") && !html.contains("@import"))
        let external = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
        #expect(external == namespaces)
        #expect(!html.contains("<img") && !html.contains("<b>!"))
        #expect(html.contains("&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt; &amp; &#39;quotes&#39;"))
    }

    @Test func saysWhenNoTrendWasComputed() {
        var data = Self.data
        data.trend = nil
        let html = HTMLReport.render(data)
        #expect(html.contains("class=\"no-trend\">No trend was computed"))
        #expect(!html.contains("trend-line"))
    }

    @Test func progressCountsSectionsAndDisagreements() {
        var calls: [(Int, Int)] = []
        _ = HTMLReport.render(Self.data) { calls.append(($0, $1)) }
        #expect(calls.map(\.0) == Array(0...7) && calls.allSatisfy { $0.1 == 7 })
    }

    @Test func sameDataSamePage() {
        #expect(HTMLReport.render(Self.data) == HTMLReport.render(Self.data))
    }

    /// Chromium renders the page to a PNG, and the DOM it built has every chart
    /// with the expected number of marks, no script error, no console message,
    /// no resource fetched.
    @Test(.timeLimit(.minutes(1))) func rendersInChromium() throws {
        let scratch = ScratchDirectory()
        let html = HTMLReport.render(Self.data)
        // The page with a probe that records script errors first and counts the marks last,
        // rendered to a PNG and dumped as a DOM by one browser run.
        let watch = "<script>window.__errors=[];addEventListener('error',function(e){__errors.push(String(e.message))});</script>"
        let probe = """
            <script>addEventListener('DOMContentLoaded',function(){var q=function(s){return document.querySelectorAll(s).length};
            var p={svg:q('svg.chart'),points:q('circle.kappa-point'),whiskers:q('line.ci-whisker'),undefinedKappa:q('text.kappa-undefined'),
            heat:q('rect.heat-cell'),matrix:q('rect.cm-cell'),trend:q('polyline.trend-line'),alpha:q('polyline.trend-line.alpha'),
            marks:q('mark.span'),noTrend:q('.no-trend'),img:q('img'),xss:typeof window.__xss,errors:window.__errors,
            resources:performance.getEntriesByType('resource').length};
            var pre=document.createElement('pre');pre.id='probe';pre.style.display='none';pre.textContent=JSON.stringify(p);
            document.body.appendChild(pre);});</script>
            """
        let probed = html.replacingOccurrences(of: "<head>\n", with: "<head>\n\(watch)\n")
            .replacingOccurrences(of: "</body>", with: "\(probe)</body>")
        let probedPage = scratch.file("probed.html")
        try probed.write(to: probedPage, atomically: true, encoding: .utf8)
        let png = scratch.file("report.png")
        let dump = try Chromium.run(probedPage, ["--dump-dom", "--screenshot=\(png.path)", "--window-size=1200,2400",
                                                 "--hide-scrollbars", "--virtual-time-budget=2000"],
                                    profile: scratch.file("profile"))
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]) && image.count > 20_000)
        if let keep = ProcessInfo.processInfo.environment["INTEROP_REPORT_PNG"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: png, to: URL(fileURLWithPath: keep))
        }
        #expect(dump.status == 0)
        let consoleLines = dump.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE(") || $0.contains("Uncaught") }
        #expect(consoleLines.isEmpty, "\(consoleLines)")
        let dom = dump.stdout
        let json = try #require(dom.range(of: "id=\"probe\"").flatMap { tag in
            dom.range(of: ">", range: tag.upperBound..<dom.endIndex).flatMap { open in
                dom.range(of: "</pre>", range: open.upperBound..<dom.endIndex).map { String(dom[open.upperBound..<$0.lowerBound]) }
            }
        })
        let probeResult = try #require(JSONSerialization.jsonObject(with: Data(json.replacingOccurrences(of: "&amp;", with: "&").utf8)) as? [String: Any])
        let data = Self.data
        let pairs = data.codes.flatMap(\.pairs)
        #expect(probeResult["svg"] as? Int == 1 + 1 + 3 + 1)
        #expect(probeResult["points"] as? Int == pairs.filter { $0.kappa != nil }.count)
        #expect(probeResult["whiskers"] as? Int == pairs.filter { $0.ci95 != nil }.count)
        #expect(probeResult["undefinedKappa"] as? Int == 1)
        #expect(probeResult["heat"] as? Int == 9)
        #expect(probeResult["matrix"] as? Int == 27)
        #expect(probeResult["trend"] as? Int == 3 && probeResult["alpha"] as? Int == 1)
        #expect(probeResult["marks"] as? Int == 6)
        #expect(probeResult["noTrend"] as? Int == 0)
        #expect(probeResult["img"] as? Int == 0 && probeResult["xss"] as? String == "undefined")
        #expect((probeResult["errors"] as? [Any])?.isEmpty == true)
        #expect(probeResult["resources"] as? Int == 0)
    }
}
