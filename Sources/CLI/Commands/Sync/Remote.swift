import ArgumentParser

struct Remote: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Name the replicas this one syncs with.", subcommands: [RemoteAdd.self, RemoteList.self, RemoteRemove.self])
}
