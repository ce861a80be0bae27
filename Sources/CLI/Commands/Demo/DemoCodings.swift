/// The demo's codings: (coder, code, document, quote).
enum DemoCodings {
    static let first: [(String, String, String, String)] = [
        ("alice", "values/helpfulness", "northwind-model-card", "trained to be helpful"),
        ("alice", "values/honesty", "northwind-model-card", "honest and harmless"),
        ("alice", "data/human preference data", "northwind-model-card", "annotators who rank pairs of answers"),
        ("alice", "data/red-teaming", "northwind-model-card", "internal red team of twelve people"),
        ("alice", "values/honesty", "lumen-safety-report", "should never deceive users"),
        ("alice", "data/synthetic data", "lumen-safety-report", "Most of our fine-tuning data is synthetic"),
        ("alice", "data/red-teaming", "lumen-safety-report", "external red-teaming exercise"),
        ("alice", "values/helpfulness", "quill-blog-post", "Quill's helpfulness comes from preference data"),
        ("alice", "data/human preference data", "quill-blog-post", "choose the better of two replies"),
        ("alice", "values/harmlessness", "meridian-charter", "harmless above all else"),
        ("alice", "data/synthetic data", "meridian-charter", "synthetic conversations generated in-house"),
        ("alice", "values/honesty", "orbit-faq", "say when it is unsure"),
        ("alice", "data/human preference data", "orbit-faq", "Paid raters compare model answers"),
        ("alice", "data/synthetic data", "tessellate-paper", "only synthetic feedback"),
        ("alice", "values/helpfulness", "tessellate-paper", "more helpful on our internal evaluation"),
        ("alice", "data/red-teaming", "tessellate-paper", "adversarial red-teaming study"),
        ("bob", "values/helpfulness", "northwind-model-card", "trained to be helpful"),
        ("bob", "values/harmlessness", "northwind-model-card", "honest and harmless"),
        ("bob", "data/human preference data", "northwind-model-card", "reinforcement learning from human feedback"),
        ("bob", "data/red-teaming", "northwind-model-card", "internal red team of twelve people"),
        ("bob", "values/honesty", "lumen-safety-report", "Honesty is measured"),
        ("bob", "data/synthetic data", "lumen-safety-report", "a larger model writes dialogues"),
        ("bob", "data/human preference data", "quill-blog-post", "those choices train a reward model"),
        ("bob", "data/red-teaming", "quill-blog-post", "We do not yet run a formal red team"),
        ("bob", "values/harmlessness", "meridian-charter", "harmless above all else"),
        ("bob", "data/synthetic data", "meridian-charter", "synthetic conversations generated in-house"),
        ("bob", "values/honesty", "orbit-faq", "Is Orbit honest?"),
        ("bob", "data/human preference data", "orbit-faq", "their preferences shape the final model"),
        ("bob", "data/synthetic data", "tessellate-paper", "a critic model replace human raters"),
        ("bob", "values/harmlessness", "tessellate-paper", "no less harmless"),
    ]

    static let second: [(String, String, String, String)] = [
        ("bob", "values/honesty", "northwind-model-card", "honest and harmless"),
        ("bob", "data/red-teaming", "lumen-safety-report", "three outside firms"),
    ]
}
