import ArgumentParser
import Foundation
import Store

/// How `accord` ends when a command does not succeed: one line on stderr,
/// `accord: MESSAGE [code]`, and an exit status scripts can rely on.
///
/// - A refusal (`AccordError`, from `run()`, `validate()` or an option's
///   transform) exits 1 with its own code.
/// - A usage error ArgumentParser finds (unknown option, missing argument,
///   a value it cannot read) exits 64 (`EX_USAGE`) with the code `usage`.
/// - A thrown `ExitCode` exits with it silently (the command has reported).
/// - A help or version request prints to stdout and exits 0.
/// - Anything else exits 1 with the code `failed`.
struct Failure {
    enum Outcome: Equatable {
        case line(String, status: Int32)
        case help(String)
        case silent(status: Int32)
    }

    let outcome: Outcome

    init(_ error: any Error) {
        if let refusal = Failure.refusal(in: error) {
            outcome = .line("accord: \(refusal.message) [\(refusal.code)]", status: 1)
        } else if let exit = error as? ExitCode {
            outcome = .silent(status: exit.rawValue)
        } else {
            let status = Accord.exitCode(for: error)
            if status == .success {
                outcome = .help(Accord.fullMessage(for: error))
            } else if status == .validationFailure {
                outcome = .line("accord: \(Failure.usageMessage(error)) [usage]", status: status.rawValue)
            } else {
                outcome = .line("accord: \(Failure.oneLine(Accord.message(for: error))) [failed]", status: status.rawValue)
            }
        }
    }

    /// Prints the outcome and ends the process.
    func exit() -> Never {
        switch outcome {
        case .line(let line, let status):
            Output.error(line)
            Foundation.exit(status)
        case .help(let text):
            print(text)
            Foundation.exit(0)
        case .silent(let status):
            Foundation.exit(status)
        }
    }

    /// The `AccordError` behind `error`. ArgumentParser wraps what
    /// `validate()` and option transforms throw in its own internal error
    /// types, so reflection is the only way back to the refusal and its code.
    static func refusal(in error: any Error) -> AccordError? {
        func find(_ value: Any, depth: Int) -> AccordError? {
            if let refusal = value as? AccordError { return refusal }
            guard depth < 8 else { return nil }
            for child in Mirror(reflecting: value).children {
                if let refusal = find(child.value, depth: depth + 1) { return refusal }
            }
            return nil
        }
        return find(error, depth: 0)
    }

    /// ArgumentParser's message and its pointer to the command's help
    /// (`See 'accord apply --help' for more information.`), on one line.
    static func usageMessage(_ error: any Error) -> String {
        let message = oneLine(Accord.message(for: error))
        let pointer = Accord.fullMessage(for: error).split(separator: "\n").last { $0.contains("--help") }
        guard let pointer else { return message }
        return message + (message.hasSuffix(".") ? " " : ". ") + pointer.trimmingCharacters(in: .whitespaces)
    }

    /// Joins a message ArgumentParser spread over several lines (a list of
    /// valid values) into one.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
