import ArgumentParser
@testable import CLI
import Testing

/// `GlobalOptions.movedAfterCommand`: global options typed before the
/// command are moved after the command path, and nothing else moves.
@Suite struct ArgumentPlacementTests {
    func moved(_ args: String...) -> [String] { GlobalOptions.movedAfterCommand(args) }

    @Test func leadingOptionsGoAfterTheCommandPath() {
        #expect(moved("--as", "bob", "apply", "values", "lumen", "--span", "0:5") == ["apply", "--as=bob", "values", "lumen", "--span", "0:5"])
        #expect(moved("--as=bob", "apply", "values", "lumen") == ["apply", "--as=bob", "values", "lumen"])
        #expect(moved("--store", "/p", "--as", "lena", "member", "add", "carol", "--role", "coder")
            == ["member", "add", "--store=/p", "--as=lena", "carol", "--role", "coder"])
        #expect(moved("--store=/p", "import", "codings", "f.csv") == ["import", "codings", "--store=/p", "f.csv"])
    }

    @Test func argumentsWithoutLeadingOptionsAreUntouched() {
        for args in [["apply", "values", "lumen", "--as", "bob"], ["status", "--json"], [], ["--json", "status"], ["--", "--as", "bob"]] {
            #expect(GlobalOptions.movedAfterCommand(args) == args)
        }
    }

    /// A value is always the next argument, and stays attached to its name
    /// even when it looks like a command or an option.
    @Test func valuesThatLookLikeCommandsOrOptions() {
        #expect(moved("--as", "status", "status", "--json") == ["status", "--as=status", "--json"])
        #expect(moved("--store", "apply", "apply", "x", "y") == ["apply", "--store=apply", "x", "y"])
        #expect(moved("--as", "-x", "status") == ["status", "--as=-x"])
        #expect(moved("--as", "--json", "status") == ["status", "--as=--json"])
        #expect(moved("--as", "a=b", "status") == ["status", "--as=a=b"])
    }

    /// Only the leading run moves; after the command path every argument
    /// (a terminator, a `--span` starting with `-`, a later --as) stays.
    @Test func everythingAfterTheCommandPathStays() {
        #expect(moved("--as", "alice", "apply", "--span", "-1:3", "values", "lumen") == ["apply", "--as=alice", "--span", "-1:3", "values", "lumen"])
        #expect(moved("--as", "alice", "apply", "--span", "0:5", "--", "values", "lumen") == ["apply", "--as=alice", "--span", "0:5", "--", "values", "lumen"])
        #expect(moved("--as", "alice", "apply", "--quote", "--as", "values", "lumen") == ["apply", "--as=alice", "--quote", "--as", "values", "lumen"])
        #expect(moved("--as", "alice", "apply", "x", "y", "--as", "bob") == ["apply", "--as=alice", "x", "y", "--as", "bob"])
        // A terminator before the command ends the leading options.
        #expect(moved("--as", "alice", "--", "apply") == ["--", "apply"])
    }

    /// A command path that ends at a command without global options (a
    /// group, help, clone, demo) drops them: nothing would read them.
    @Test func commandsWithoutGlobalOptions() {
        #expect(moved("--as", "bob", "--help") == ["--help"])
        #expect(moved("--as", "bob", "help", "apply") == ["help", "apply"])
        #expect(moved("--as", "bob", "apply", "--help") == ["apply", "--as=bob", "--help"])
        #expect(moved("--as", "bob", "member") == ["member"])
        #expect(moved("--store", "/p", "demo") == ["demo"])
        #expect(moved("--store", "/p", "clone", "http://h", "d", "--key", "k", "--as", "hub") == ["clone", "http://h", "d", "--key", "k", "--as", "hub"])
        #expect(moved("--as", "bob") == [])
        #expect(moved("--as", "bob", "frobnicate") == ["frobnicate"])
    }

    @Test func aNameWithoutItsValueIsLeftForTheParserToRefuse() {
        #expect(moved("--as") == ["--as"])
        #expect(moved("--store", "/p", "--as") == ["--as"])
    }

    /// Every command that shows --store and --as in its help is one the
    /// leading options are moved to, and no other.
    @Test func everyCommandWithGlobalOptionsIsMarked() {
        func leaves(_ command: any ParsableCommand.Type) -> [any ParsableCommand.Type] {
            let subcommands = command.configuration.subcommands
            return subcommands.isEmpty ? [command] : subcommands.flatMap(leaves)
        }
        let all = leaves(Accord.self)
        #expect(all.count > 30)
        for command in all {
            let help = command.helpMessage()
            let shows = help.contains("--store <store>") && help.contains("--as <as>")
            #expect(shows == (command is any TakesGlobalOptions.Type), "\(command._commandName)")
        }
    }

    @Test func theDemoGivesEveryCommandItsReplicaAndPerson() {
        #expect(DemoRunner.arguments(["apply", "v", "d", "--quote", "q"], as: "alice", store: "/demo/alice")
            == ["apply", "--store=/demo/alice", "--as=alice", "v", "d", "--quote", "q"])
        #expect(DemoRunner.arguments(["sync"], as: nil, store: "/demo/bob") == ["sync", "--store=/demo/bob"])
        #expect(DemoRunner.arguments(["clone", "http://h", "/demo/hub", "--key", "k", "--as", "hub"], as: nil, store: "/demo/hub")
            == ["clone", "http://h", "/demo/hub", "--key", "k", "--as", "hub"])
    }
}
