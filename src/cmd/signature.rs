//! Signing a pack's manifest with an SSH key, and checking it, through `ssh-keygen -Y`: the same
//! keys, agent and allowed-signers files git uses for signed commits. Ed25519 and RSA
//! signatures are deterministic, so two builds of one commit with one key stay byte-identical.

use super::Failure;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The signature beside `manifest.json`.
pub const SIGNATURE_FILE: &str = "manifest.json.sig";

/// The signature namespace: a signature made for a pack cannot pass as a signed commit or
/// file of another tool, nor the other way round.
pub const NAMESPACE: &str = "aims-pack";

/// Runs `ssh-keygen` with `data` on standard input; its standard output, or what it said.
fn ssh_keygen(args: &[&std::ffi::OsStr], data: &[u8]) -> Result<(bool, Vec<u8>, String), Failure> {
    let mut child = Command::new("ssh-keygen")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Failure::Message(format!(
                "cannot run ssh-keygen (OpenSSH 8.1 or later signs and verifies packs): {e}"
            ))
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(data).map_err(Failure::Io)?;
    }
    let output = child.wait_with_output().map_err(Failure::Io)?;
    let said = String::from_utf8_lossy(&output.stderr)
        .lines()
        .chain(String::from_utf8_lossy(&output.stdout).lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    Ok((output.status.success(), output.stdout, said))
}

/// The SSH signature (armored SSHSIG) of `data` by the private key at `key`.
pub fn sign(key: &Path, data: &[u8]) -> Result<Vec<u8>, Failure> {
    let args = [
        "-Y".as_ref(),
        "sign".as_ref(),
        "-q".as_ref(),
        "-n".as_ref(),
        NAMESPACE.as_ref(),
        "-f".as_ref(),
        key.as_os_str(),
    ];
    let (ok, signature, said) = ssh_keygen(&args, data)?;
    if !ok || !signature.starts_with(b"-----BEGIN SSH SIGNATURE-----") {
        return Err(Failure::Message(format!(
            "could not sign the pack with {}: {said}",
            key.display()
        )));
    }
    Ok(signature)
}

/// Checks a signature of `data`: against an allowed-signers file and identity when given
/// (`ssh-keygen -Y verify`), else only that it is a good signature by the key it names
/// (`check-novalidate`). `Ok(description)` when good, `Err(reason)` when not.
pub fn check(
    signature: &Path,
    data: &[u8],
    allowed: Option<(&Path, &str)>,
) -> Result<Result<String, String>, Failure> {
    let mut args: Vec<&std::ffi::OsStr> = vec!["-Y".as_ref()];
    match allowed {
        Some((file, identity)) => args.extend([
            "verify".as_ref(),
            "-f".as_ref(),
            file.as_os_str(),
            "-I".as_ref(),
            identity.as_ref(),
        ]),
        None => args.push("check-novalidate".as_ref()),
    }
    args.extend([
        "-n".as_ref(),
        NAMESPACE.as_ref(),
        "-s".as_ref(),
        signature.as_os_str(),
    ]);
    let (ok, _, said) = ssh_keygen(&args, data)?;
    Ok(if ok { Ok(said) } else { Err(said) })
}
