import ArgumentParser

extension GlobalOptions {
    /// The names of the global options.
    static let names = ["--store", "--as"]

    /// `accord --store P --as N member add …` → `accord member add --store=P --as=N …`.
    ///
    /// ArgumentParser parses a command's options only after its name, so
    /// global options typed first are moved to just after the command path,
    /// where the command's `GlobalOptions` group reads them. Only the leading
    /// run of `--store`/`--as` is moved, always in the `--name=value` form so
    /// a value that looks like an option or a command stays with its name;
    /// everything after the command path (other options, `--`, values such as
    /// `--span -1:3`) is left exactly as typed. If the command path ends at a
    /// command that takes no global options (a group, `help`, `clone`,
    /// `demo`), the leading ones are dropped: nothing would read them.
    /// A pure function of the arguments: no state is kept anywhere.
    static func movedAfterCommand(_ args: [String], root: any ParsableCommand.Type = Accord.self) -> [String] {
        var leading: [String] = []
        var i = 0
        scan: while i < args.count {
            let arg = args[i]
            for name in names {
                if arg == name, i + 1 < args.count {
                    leading.append("\(name)=\(args[i + 1])")
                    i += 2
                    continue scan
                }
                if arg.hasPrefix(name + "=") {
                    leading.append(arg)
                    i += 1
                    continue scan
                }
            }
            break
        }
        guard !leading.isEmpty else { return args }
        var command = root
        var end = i
        while end < args.count, let sub = subcommand(of: command, named: args[end]) {
            command = sub
            end += 1
        }
        let takesThem = command is any TakesGlobalOptions.Type
        return Array(args[i..<end]) + (takesThem ? leading : []) + Array(args[end...])
    }

    static func subcommand(of command: any ParsableCommand.Type, named name: String) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first { $0._commandName == name || $0.configuration.aliases.contains(name) }
    }
}
