/// Six short documents written for the demo: public statements of fictional
/// LLM developers about their alignment practices.
enum DemoCorpus {
    static let documents: [(file: String, text: String)] = [
        ("northwind-model-card.txt", """
            Northwind AI — Model Card for Gale-2

            Gale-2 is trained to be helpful, honest and harmless. We fine-tune it with reinforcement learning from human feedback, using comparisons written by contracted annotators who rank pairs of answers.

            Before release, an internal red team of twelve people probed the model for two weeks. Findings were fixed before launch.
            """),
        ("lumen-safety-report.txt", """
            Lumen Labs Safety Report, 2026

            Our assistant should never deceive users. Honesty is measured on a held-out benchmark of adversarial questions.

            Most of our fine-tuning data is synthetic: a larger model writes dialogues that a smaller team reviews. We also commissioned an external red-teaming exercise with three outside firms.
            """),
        ("quill-blog-post.txt", """
            How Quill learns what people want

            Quill's helpfulness comes from preference data. Volunteers in our app choose the better of two replies, and those choices train a reward model.

            We do not yet run a formal red team; we rely on bug reports from users.
            """),
        ("meridian-charter.txt", """
            The Meridian Charter

            Meridian commits to building systems that are harmless above all else. A model that refuses too much is a cost we accept.

            Training data comes from licensed books and synthetic conversations generated in-house.
            """),
        ("orbit-faq.txt", """
            Orbit Assistant — Frequently Asked Questions

            Is Orbit honest? Orbit is trained to say when it is unsure and to correct itself.

            Who labels your data? Paid raters compare model answers side by side; their preferences shape the final model.
            """),
        ("tessellate-paper.txt", """
            Tessellate: Alignment Without Human Labels

            We align our model using only synthetic feedback: a constitution of principles and a critic model replace human raters entirely.

            The resulting model is more helpful on our internal evaluation and no less harmless. An adversarial red-teaming study is reported in the appendix.
            """),
    ]
}
