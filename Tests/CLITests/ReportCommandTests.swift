import Foundation
import Testing

/// `accord report FILE.html`: the whole page from a small coded project.
@Suite struct ReportCommandTests {
    /// Alice and Bob code northwind, disagree on two paragraphs, finish it;
    /// `values` is an exclusive group, so the page has a confusion matrix.
    func coded() throws -> Project {
        let p = try Project.make()
        p.must("--as", "lena", "code", "change", "values", "--exclusive", "true")
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "2")
        _ = try p.apply("values/honesty", "northwind", as: "alice", "--paragraph", "3")
        _ = try p.apply("values/helpfulness", "northwind", as: "bob", "--paragraph", "1")
        _ = try p.apply("values/honesty", "northwind", as: "bob", "--paragraph", "2")
        _ = try p.apply("data/red-teaming", "northwind", as: "bob", "--quote", "red team")
        p.must("--as", "alice", "done", "northwind")
        p.must("--as", "bob", "done", "northwind")
        return p
    }

    @Test func theReportHoldsEveryChartAndFetchesNothing() throws {
        let p = try coded()
        let r = p.must("--as", "lena", "report", "agreement.html", "--include-unfinished", "--every", "1-events")
        #expect(r.out.contains("wrote agreement.html"))
        #expect(r.out.contains("disagreement"))
        let html = try String(contentsOf: p.dir.appendingPathComponent("agreement.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for section in ["id=\"overall\"", "id=\"codes\"", "id=\"coders\"", "id=\"groups\"", "id=\"trend\"", "id=\"disagreements\""] {
            #expect(html.contains(section), "missing \(section)")
        }
        #expect(html.contains("kappa-chart") && html.contains("ci-whisker"), "no kappa chart with 95% whiskers")
        #expect(html.contains("heat-map"), "no heat map")
        #expect(html.contains("<figure class=\"matrix\">"), "no confusion matrix for the exclusive group")
        #expect(html.contains("trend-chart"), "no trend chart")
        #expect(html.contains("<mark class=\"span"), "no highlighted coder span")
        #expect(html.contains("values/helpfulness") && html.contains("values/honesty"))
        #expect(html.contains("alice") && html.contains("bob"))
        // Self-contained: no script, stylesheet link, image source or remote URL.
        let lower = html.lowercased()
        for banned in ["<script", "<link", "src=", "url(", "@import", "https://"] {
            #expect(!lower.contains(banned), "the report should not contain `\(banned)`")
        }
        let remote = lower.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!remote.contains("http://"), "the report should name no URL but the SVG namespace")
    }

    @Test func aReportNeedsTwoCodersAndWritesNothingWithout() throws {
        let p = try Project.make()
        _ = try p.apply("values/helpfulness", "northwind", as: "alice", "--paragraph", "1")
        try p.expectNothingWritten("report with one coder") {
            expectError(p.accord("--as", "lena", "report", "r.html"), "too_few_coders")
        }
        #expect(!FileManager.default.fileExists(atPath: p.dir.appendingPathComponent("r.html").path))
    }

    @Test func aBadStepOrFolderIsRefused() throws {
        let p = try coded()
        expectError(p.accord("--as", "lena", "report", "r.html", "--every", "soon"), "bad_step")
        expectError(p.accord("--as", "lena", "report", "nowhere/r.html"), "write_failed", mentions: ["nowhere"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: p.dir.path).filter { $0.hasSuffix(".partial") || $0.hasSuffix(".html") }
        #expect(leftovers.isEmpty)
    }
}
