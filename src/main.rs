fn main() -> std::process::ExitCode {
    aims::run()
}
