//! Reading inputs and writing outputs safely: UTF-8 checks with a line
//! number, folders expanded in a stable order, and atomic writes.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::progress::Meter;

/// Reads `path` as UTF-8 text. The error names the file and, for bad bytes,
/// the line they stand on.
pub fn read_text(path: &Path) -> Result<String, Error> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        Error::NotUtf8 {
            path: path.to_path_buf(),
            line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
            byte: bytes[offset],
            offset,
        }
    })
}

/// Reads `path` as bytes; a failure names the file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// The article files named by `paths`: files as given, folders expanded to
/// their `*.txt` files (not recursively), sorted by name.
pub fn article_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = fs::read_dir(path)
                .map_err(|source| Error::List {
                    path: path.clone(),
                    source,
                })?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Error::NoArticles { path: path.clone() });
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Writes `contents` to `path` atomically: into a temporary file beside it,
/// flushed to disk, then renamed over `path`. A failure leaves `path` as it was.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_through_temporary(path, contents, true)
}

/// Like [`write_atomically`], without flushing each file to disk: for the
/// thousands of files of a build (pages and cards), which a reader never
/// sees half-written and the next build writes again.
pub fn write_built(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_through_temporary(path, contents, false)
}

fn write_through_temporary(path: &Path, contents: &[u8], sync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output path has no file name",
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(contents)?;
        if sync {
            file.sync_all()?;
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> tempfile::TempDir {
        tempfile::Builder::new()
            .prefix(&format!("storyscope-files-{name}-"))
            .tempdir()
            .unwrap()
    }

    #[test]
    fn non_utf8_is_located_by_line() {
        let tmp = temp_dir("utf8");
        let dir = tmp.path().to_path_buf();
        let path = dir.join("a.txt");
        fs::write(&path, b" date 2021-01-01 ok\n\nbad \xff byte\n").unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(err.ends_with("a.txt:3: error: the file is not UTF-8 text (invalid byte 0xff at byte 25); save it as UTF-8"), "{err}");
    }

    #[test]
    fn folders_expand_sorted_and_atomic_write_replaces() {
        let tmp = temp_dir("expand");
        let dir = tmp.path().to_path_buf();
        fs::write(dir.join("b.txt"), "b").unwrap();
        fs::write(dir.join("a.txt"), "a").unwrap();
        fs::write(dir.join("notes.md"), "x").unwrap();
        let files = article_files(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<_> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt"]);
        let out = dir.join("out.json");
        write_atomically(&out, b"one").unwrap();
        write_atomically(&out, b"two").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "two");
        let leftovers = fs::read_dir(&dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp-")
            })
            .count();
        assert_eq!(leftovers, 0);
        assert!(write_atomically(&dir.join("missing/out.json"), b"x").is_err());
        assert!(article_files(&[dir.join("nope")])
            .unwrap_err()
            .to_string()
            .contains("cannot read"));
    }
}

/// What [`write_split`] wrote.
#[derive(Clone, Debug)]
pub struct SplitWritten {
    /// The index's size in bytes.
    pub index_bytes: usize,
    /// The chunk directory, beside the index.
    pub chunk_dir: PathBuf,
    /// How many chunk files.
    pub chunks: usize,
    /// The chunks' total size in bytes.
    pub chunk_bytes: usize,
    /// The word shards' total size in bytes.
    pub word_bytes: usize,
}

/// Writes `dataset` in the split layout: the index at `index` and its chunks
/// of `per_chunk` stories in a directory beside it named after the index and
/// a hash of the chunks (`stories-chunks-<hash>`), so a changed dataset never
/// mixes old and new chunks and hosts may cache chunks forever. The chunks
/// are written first into a temporary directory, renamed into place, then the
/// index is written atomically; only after that are older chunk directories of
/// the same index removed. A failure leaves the previous index working.
pub fn write_split(
    dataset: &storyscope_core::Dataset,
    index: &Path,
    per_chunk: usize,
) -> io::Result<SplitWritten> {
    write_split_showing(dataset, index, per_chunk, &Meter::silent())
}

/// [`write_split`], showing on `meter` how many files are written.
pub fn write_split_showing(
    dataset: &storyscope_core::Dataset,
    index: &Path,
    per_chunk: usize,
    meter: &Meter,
) -> io::Result<SplitWritten> {
    use std::hash::Hasher as _;
    let dir = match index.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let stem = index
        .file_stem()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "the output path has no file name",
            )
        })?
        .to_string_lossy()
        .into_owned();
    use storyscope_core::split::{chunk_file, shard_file, WORD_DIR};
    let parts = storyscope_core::split::split(dataset, per_chunk, "");
    let mut index_data = parts.index;
    // (path inside the chunk directory, contents)
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (n, chunk) in parts.chunks.iter().enumerate() {
        let text = serde_json::to_string(chunk).map_err(io::Error::other)?;
        files.push((PathBuf::from(chunk_file(n as u32)), (text + "\n").into()));
    }
    let chunks = files.len();
    let chunk_bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    for (key, shard) in &parts.shards {
        files.push((Path::new(WORD_DIR).join(shard_file(key)), shard.encode()));
    }
    let mut hash = storyscope_core::hash::Fnv::default();
    for (path, text) in &files {
        hash.write(path.to_string_lossy().as_bytes());
        hash.write(text);
    }
    let prefix = format!("{stem}-chunks-");
    let name = format!("{prefix}{:016x}", hash.finish());
    index_data.chunk_dir.clone_from(&name);
    let mut index_text = serde_json::to_string(&index_data).map_err(io::Error::other)?;
    index_text.push('\n');

    let final_dir = dir.join(&name);
    if !final_dir.is_dir() {
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let result = (|| {
            let _ = fs::remove_dir_all(&tmp);
            fs::create_dir_all(tmp.join(WORD_DIR))?;
            for (n, (path, text)) in files.iter().enumerate() {
                let mut file = fs::File::create(tmp.join(path))?;
                file.write_all(text)?;
                file.sync_all()?;
                meter.show("writing", n + 1, files.len(), "files");
            }
            meter.clear();
            fs::rename(&tmp, &final_dir)
        })();
        if result.is_err() {
            let _ = fs::remove_dir_all(&tmp);
        }
        result?;
    }
    write_atomically(index, index_text.as_bytes())?;
    for entry in fs::read_dir(&dir)?.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && file_name != name && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(SplitWritten {
        index_bytes: index_text.len(),
        chunk_dir: final_dir,
        chunks,
        chunk_bytes,
        word_bytes: files.iter().map(|(_, t)| t.len()).sum::<usize>() - chunk_bytes,
    })
}
