import Foundation

/// Everything the HTML agreement report shows, in plain values; the caller
/// maps its agreement results onto it. Kappas and alphas are nil where
/// undefined (the row's `note` says why); percentages are 0–100; offsets are
/// Unicode scalars.
public struct ReportData: Sendable, Equatable {
    public var title: String
    /// A line under the title (project, unit of analysis, when it was made).
    public var subtitle: String?
    public var coders: [String]
    public var codes: [CodeRow]
    public var overall: Overall
    public var groups: [ExclusiveGroup]
    /// Agreement after each step of the work; nil when no trend was computed.
    public var trend: Trend?
    public var disagreements: [Disagreement]
    /// Definitions and caveats, shown at the end.
    public var notes: [String]

    public init(
        title: String, subtitle: String? = nil, coders: [String], codes: [CodeRow], overall: Overall,
        groups: [ExclusiveGroup] = [], trend: Trend? = nil, disagreements: [Disagreement] = [], notes: [String] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.coders = coders
        self.codes = codes
        self.overall = overall
        self.groups = groups
        self.trend = trend
        self.disagreements = disagreements
        self.notes = notes
    }

    /// Agreement of two coders on one code (or one group).
    public struct Pair: Sendable, Equatable {
        /// The two coders, first one's ratings in rows.
        public var coders: [String]
        public var kappa: Double?
        /// The 95% confidence interval of `kappa`.
        public var ci95: ClosedRange<Double>?
        public var percentAgreement: Double?
        /// Units compared.
        public var n: Int
        public var note: String?

        public init(coders: [String], kappa: Double?, ci95: ClosedRange<Double>? = nil, percentAgreement: Double?, n: Int, note: String? = nil) {
            self.coders = coders
            self.kappa = kappa
            self.ci95 = ci95
            self.percentAgreement = percentAgreement
            self.n = n
            self.note = note
        }
    }

    public struct CodeRow: Sendable, Equatable {
        /// The code's path, `Parent/Child`.
        public var path: String
        public var pairs: [Pair]
        public var fleissKappa: Double?
        public var krippendorffAlpha: Double?
        public var note: String?

        public init(path: String, pairs: [Pair], fleissKappa: Double? = nil, krippendorffAlpha: Double? = nil, note: String? = nil) {
            self.path = path
            self.pairs = pairs
            self.fleissKappa = fleissKappa
            self.krippendorffAlpha = krippendorffAlpha
            self.note = note
        }
    }

    public struct Overall: Sendable, Equatable {
        public var kappa: Double?
        public var ci95: ClosedRange<Double>?
        public var fleissKappa: Double?
        public var krippendorffAlpha: Double?
        public var percentAgreement: Double?
        public var note: String?

        public init(
            kappa: Double?, ci95: ClosedRange<Double>? = nil, fleissKappa: Double? = nil, krippendorffAlpha: Double? = nil,
            percentAgreement: Double? = nil, note: String? = nil
        ) {
            self.kappa = kappa
            self.ci95 = ci95
            self.fleissKappa = fleissKappa
            self.krippendorffAlpha = krippendorffAlpha
            self.percentAgreement = percentAgreement
            self.note = note
        }
    }

    /// An exclusive code's children as categories of one variable.
    public struct ExclusiveGroup: Sendable, Equatable {
        public var path: String
        public var categories: [String]
        public var pairs: [GroupPair]
        public var fleissKappa: Double?
        public var krippendorffAlpha: Double?
        public var note: String?

        public init(
            path: String, categories: [String], pairs: [GroupPair], fleissKappa: Double? = nil,
            krippendorffAlpha: Double? = nil, note: String? = nil
        ) {
            self.path = path
            self.categories = categories
            self.pairs = pairs
            self.fleissKappa = fleissKappa
            self.krippendorffAlpha = krippendorffAlpha
            self.note = note
        }
    }

    public struct GroupPair: Sendable, Equatable {
        public var pair: Pair
        /// Rows: the first coder's category, columns: the second's, in `categories` order.
        public var confusion: [[Int]]

        public init(pair: Pair, confusion: [[Int]]) {
            self.pair = pair
            self.confusion = confusion
        }
    }

    public struct Trend: Sendable, Equatable {
        public var steps: [TrendStep]
        public init(steps: [TrendStep]) { self.steps = steps }
    }

    public struct TrendStep: Sendable, Equatable {
        /// What the step is ("round 2", a date, …), shown under the axis.
        public var label: String
        public var time: Date?
        public var values: [TrendValue]

        public init(label: String, time: Date? = nil, values: [TrendValue]) {
            self.label = label
            self.time = time
            self.values = values
        }
    }

    public struct TrendValue: Sendable, Equatable {
        /// The code's path (or "overall").
        public var code: String
        public var kappa: Double?
        public var alpha: Double?

        public init(code: String, kappa: Double?, alpha: Double? = nil) {
            self.code = code
            self.kappa = kappa
            self.alpha = alpha
        }
    }

    /// A unit the coders coded differently.
    public struct Disagreement: Sendable, Equatable {
        public var document: String
        /// The unit's span in the document.
        public var start: Int
        public var end: Int
        /// The unit's text.
        public var text: String
        public var coders: [CoderCodes]
        public var consensus: Consensus?

        public init(document: String, start: Int, end: Int, text: String, coders: [CoderCodes], consensus: Consensus? = nil) {
            self.document = document
            self.start = start
            self.end = end
            self.text = text
            self.coders = coders
            self.consensus = consensus
        }
    }

    public struct CoderCodes: Sendable, Equatable {
        public var coder: String
        /// The coder's codes here, each with its span relative to the unit's text (0 = the unit's first character).
        public var spans: [CodedSpan]

        public init(coder: String, spans: [CodedSpan]) {
            self.coder = coder
            self.spans = spans
        }
    }

    public struct CodedSpan: Sendable, Equatable {
        public var code: String
        public var start: Int
        public var end: Int

        public init(code: String, start: Int, end: Int) {
            self.code = code
            self.start = start
            self.end = end
        }
    }

    /// What the lead decided for a disagreement.
    public struct Consensus: Sendable, Equatable {
        public var codes: [String]
        public var decidedBy: String?
        public var note: String?

        public init(codes: [String], decidedBy: String? = nil, note: String? = nil) {
            self.codes = codes
            self.decidedBy = decidedBy
            self.note = note
        }
    }
}
