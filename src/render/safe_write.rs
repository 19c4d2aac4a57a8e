//! Writing a file so that nothing is lost: every file the tool writes (`--embed`, `-o`,
//! `--chart`, `init`, `schema -o`, `rules calibrate`) goes through here.
//!
//! An existing file is rewritten under an advisory exclusive lock on it: its text is read under
//! the lock, so a read-modify-write (an embed) sees every earlier writer's work; the new text
//! goes into a temporary file in the same directory, which is synced, given the file's
//! permissions, owner and group, and renamed over it; then the directory is synced and the lock
//! released. A file that is read-only, or has other hard links, is refused unless forced. A
//! symbolic link is followed: the file it points to is written (and locked), and the link stays.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use super::output;

/// Writes `bytes` to `path`, replacing what is there (see the module docs); `force` rewrites a
/// read-only or hard-linked file.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a directory", path.display());
    }
    let real = resolve(path)?;
    if std::fs::symlink_metadata(&real).is_err() && create_file(&real, bytes)? {
        return Ok(());
    }
    replace(path, &real, force, |_| Ok(Some(bytes.to_vec())), |_| Ok(()))?;
    Ok(())
}

/// Writes a new file atomically; `false` (nothing written) when `path` already exists, checked
/// at the rename, so a file created meanwhile is kept too.
pub fn create_file(path: &Path, bytes: &[u8]) -> anyhow::Result<bool> {
    let cannot = |e: &std::io::Error| cannot_write(path, e);
    let mut tmp = temporary_beside(path).map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_directory(path);
            Ok(true)
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(cannot(&e.error)),
    }
}

/// Rewrites the existing file at `path` with what `edit` makes of its current bytes, read under
/// the lock; `edit` returns `None` to leave the file as it is. `true` when the file was written.
pub fn rewrite(
    path: &Path,
    force: bool,
    edit: impl FnOnce(Vec<u8>) -> anyhow::Result<Option<Vec<u8>>>,
) -> anyhow::Result<bool> {
    let real = resolve(path)?;
    replace(path, &real, force, edit, |_| Ok(()))
}

/// The file to write for `path`: itself, or the file a symbolic link points to (which is
/// written, and the link kept), with a notice saying so. A link to nothing is refused.
fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_owned());
    }
    match std::fs::canonicalize(path) {
        Ok(real) => {
            output::notice(&format!(
                "{} is a symbolic link: writing the file it points to, {}",
                path.display(),
                real.display()
            ));
            Ok(real)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => anyhow::bail!(
            "cannot write {}: it is a symbolic link to a file that does not exist; point it at \
             a file, or remove it to write a new file there",
            path.display()
        ),
        Err(e) => Err(cannot_write(path, &e)),
    }
}

/// Opens a device or a named pipe for writing. A pipe that no program reads is refused at
/// once, where a plain open would wait for a reader forever.
fn open_special(path: &Path, real: &Path, metadata: &Metadata) -> anyhow::Result<File> {
    let cannot = |e: &std::io::Error| cannot_write(path, e);
    #[cfg(unix)]
    if std::os::unix::fs::FileTypeExt::is_fifo(&metadata.file_type()) {
        use std::os::unix::fs::OpenOptionsExt as _;
        let nonblocking = rustix::fs::OFlags::NONBLOCK;
        let file = OpenOptions::new()
            .write(true)
            .custom_flags(i32::from_ne_bytes(nonblocking.bits().to_ne_bytes()))
            .open(real)
            .map_err(|e| {
                if e.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
                    anyhow::anyhow!(
                        "cannot write {}: it is a named pipe that no program is reading",
                        path.display()
                    )
                } else {
                    cannot(&e)
                }
            })?;
        let flags = rustix::fs::fcntl_getfl(&file).map_err(|e| cannot(&e.into()))?;
        rustix::fs::fcntl_setfl(&file, flags - nonblocking).map_err(|e| cannot(&e.into()))?;
        return Ok(file);
    }
    let _ = metadata;
    OpenOptions::new()
        .write(true)
        .open(real)
        .map_err(|e| cannot(&e))
}

/// An existing file opened and locked, and what it is.
struct Locked {
    file: File,
    metadata: Metadata,
    /// Whether it could be opened for writing.
    writable: bool,
}

/// Opens `real` and takes an exclusive advisory lock on it, waiting for other writers.
///
/// The lock is on the file itself, not on a lock file beside it: a lock file would be left
/// in the user's directory (or, removed, would race). Since a rewrite renames a new file over
/// the name, a writer that was waiting holds the lock of a file that is gone; it then sees that
/// the name is another file now, and locks that one instead.
fn lock(real: &Path) -> std::io::Result<Locked> {
    loop {
        let (file, writable) = match OpenOptions::new().read(true).write(true).open(real) {
            Ok(file) => (file, true),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                (File::open(real)?, false)
            }
            Err(e) => return Err(e),
        };
        fs4::FileExt::lock(&file)?;
        let metadata = file.metadata()?;
        if same_file(&metadata, &std::fs::symlink_metadata(real)?) {
            return Ok(Locked {
                file,
                metadata,
                writable,
            });
        }
    }
}

/// Rewrites `real` (what `path`, as the user named it, resolves to) under its lock with what
/// `edit` makes of its bytes. `before_rename` runs once the temporary file is complete: tests
/// make it fail to show that a failed write leaves the file whole.
fn replace(
    path: &Path,
    real: &Path,
    force: bool,
    edit: impl FnOnce(Vec<u8>) -> anyhow::Result<Option<Vec<u8>>>,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> anyhow::Result<bool> {
    let cannot = |e: &std::io::Error| cannot_write(path, e);
    let metadata = std::fs::metadata(real).map_err(|e| cannot(&e))?;
    if !metadata.is_file() {
        // A device or a pipe (`-o /dev/null`) is written into; it cannot be replaced.
        let current = Vec::new();
        if let Some(bytes) = edit(current)? {
            let mut file = open_special(path, real, &metadata)?;
            file.write_all(&bytes).map_err(|e| cannot(&e))?;
            return Ok(true);
        }
        return Ok(false);
    }
    let mut locked = lock(real).map_err(|e| cannot(&e))?;
    let mut current = Vec::new();
    locked
        .file
        .read_to_end(&mut current)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let Some(bytes) = edit(current)? else {
        return Ok(false);
    };
    let links = link_count(&locked.metadata);
    refuse_unless_forced(path, &locked, links, force)?;
    if links > 1 {
        // Forced: written in place, so every name of the file sees the new text.
        if !locked.writable {
            anyhow::bail!("cannot write {}: permission denied", path.display());
        }
        let file = &mut locked.file;
        file.set_len(0).map_err(|e| cannot(&e))?;
        file.rewind().map_err(|e| cannot(&e))?;
        file.write_all(&bytes).map_err(|e| cannot(&e))?;
        file.sync_all().map_err(|e| cannot(&e))?;
        return Ok(true);
    }
    let mut tmp = temporary_beside(real).map_err(|e| cannot(&e))?;
    tmp.write_all(&bytes).map_err(|e| cannot(&e))?;
    keep_owner(tmp.as_file(), &locked.metadata);
    tmp.as_file()
        .set_permissions(locked.metadata.permissions())
        .map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    before_rename(tmp.path()).map_err(|e| cannot(&e))?;
    tmp.persist(real).map_err(|e| cannot(&e.error))?;
    sync_directory(real);
    // The lock goes with the file handle, after the rename.
    drop(locked);
    Ok(true)
}

/// Refuses to rewrite a read-only file, or one with other hard links, unless `force`.
fn refuse_unless_forced(
    path: &Path,
    locked: &Locked,
    links: u64,
    force: bool,
) -> anyhow::Result<()> {
    if force {
        return Ok(());
    }
    let shown = path.display();
    if !locked.writable || no_write_bits(&locked.metadata) {
        anyhow::bail!(
            "{shown} is read-only, so it was not rewritten; pass --force to replace it anyway \
             (it stays read-only)"
        );
    }
    if links > 1 {
        anyhow::bail!(
            "{shown} has {links} hard links, and rewriting it would break them (the other names \
             would keep the old text), so it was not rewritten; pass --force to write it in \
             place, so that every name sees the new text"
        );
    }
    Ok(())
}

/// Whether the file's mode lets nobody write it (root may write any file, but 0444 says it
/// should not be written).
fn no_write_bits(metadata: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        metadata.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        metadata.permissions().readonly()
    }
}

/// How many names the file has.
fn link_count(metadata: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// Whether two metadata describe the same file.
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        (a.dev(), a.ino()) == (b.dev(), b.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Gives `file` the owner and group of the file it replaces, as far as it may: root may give
/// any; another user keeps the group when it is one of theirs, and the file becomes theirs.
fn keep_owner(file: &File, original: &Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (uid, gid) = (original.uid(), original.gid());
        if std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_err() {
            let _ = std::os::unix::fs::fchown(file, None, Some(gid));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, original);
}

/// Syncs the directory of `path`, so the rename survives a crash; where a directory cannot
/// be opened or synced (not every system allows it), the file itself is synced already.
fn sync_directory(path: &Path) {
    if let Ok(dir) = File::open(directory_of(path)) {
        let _ = dir.sync_all();
    }
}

/// The directory of `path`; `.` for a bare file name.
fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A temporary file in the directory of `path`, to be renamed over it; on Unix with the
/// permissions any new file gets (0666 less the umask), not owner-only ones.
fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".llm-strategy-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(directory_of(path))
}

/// The error for a file that could not be written, without the name of the temporary file
/// (which the user never chose).
fn cannot_write(path: &Path, e: &std::io::Error) -> anyhow::Error {
    let text = e.to_string();
    let reason = text
        .split_once(" at path \"")
        .map_or(text.as_str(), |(r, _)| r);
    anyhow::anyhow!("cannot write {}: {reason}", path.display())
}

#[cfg(all(test, unix))]
mod tests;
