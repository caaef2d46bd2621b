//! `storyscope precompress DIR`: a brotli (`.br`) and a gzip (`.gz`) copy
//! beside every text or wasm file of a built site, for `storyscope serve`
//! and hosts that send such copies to browsers that accept them (nginx's
//! `gzip_static` and `brotli_static`, for instance). A copy is kept only
//! when it is smaller; each is written atomically, so a stopped run leaves
//! no half-written copy.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::files::write_atomically;

/// The extensions whose files are compressed: text and wasm, not images
/// (already compressed) or the copies themselves.
const COMPRESSIBLE: [&str; 10] = [
    "html",
    "js",
    "mjs",
    "wasm",
    "css",
    "json",
    "svg",
    "txt",
    "xml",
    "webmanifest",
];

/// Files smaller than this are sent as they are: the headers would weigh
/// more than the bytes saved.
const SMALLEST: u64 = 512;

/// Past this size brotli uses a faster level: its best level takes about a
/// second a megabyte, which a site of large dataset chunks should not wait for.
const BEST_UP_TO: usize = 2 << 20;

/// What a run wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Precompressed {
    /// Files compressed.
    pub files: usize,
    /// Their bytes as they are.
    pub bytes: u64,
    /// Their bytes as brotli, where smaller (else as they are).
    pub brotli: u64,
    /// Their bytes as gzip, where smaller (else as they are).
    pub gzip: u64,
}

/// Writes the `.br` and `.gz` copies of every compressible file under `dir`.
pub fn precompress(dir: &Path) -> Result<Precompressed, Error> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut done = Precompressed::default();
    for path in files {
        let bytes = fs::read(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        done.files += 1;
        done.bytes += bytes.len() as u64;
        done.brotli += keep_if_smaller(&path, "br", &bytes, brotli(&bytes))?;
        done.gzip += keep_if_smaller(&path, "gz", &bytes, gzip(&bytes))?;
    }
    Ok(done)
}

/// The compressible files under `dir`, at any depth.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|source| Error::List {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            collect(&path, out)?;
        } else if kind.is_file() && is_compressible(&path) {
            let len = entry.metadata().map_or(0, |m| m.len());
            if len >= SMALLEST {
                out.push(path);
            }
        }
    }
    Ok(())
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e.to_ascii_lowercase().as_str()))
}

/// `path` with `.extension` added: `app.wasm` -> `app.wasm.br`.
pub fn copy_path(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes `compressed` as the `extension` copy of `path` when it is smaller
/// than `original`, and removes an old copy otherwise. Returns the bytes a
/// browser that accepts it gets.
fn keep_if_smaller(
    path: &Path,
    extension: &str,
    original: &[u8],
    compressed: io::Result<Vec<u8>>,
) -> Result<u64, Error> {
    let copy = copy_path(path, extension);
    let compressed = compressed.map_err(|source| Error::Write {
        path: copy.clone(),
        source,
    })?;
    if compressed.len() >= original.len() {
        let _ = fs::remove_file(&copy);
        return Ok(original.len() as u64);
    }
    write_atomically(&copy, &compressed).map_err(Error::write(&copy))?;
    Ok(compressed.len() as u64)
}

fn brotli(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let quality = if bytes.len() <= BEST_UP_TO { 11 } else { 7 };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 1 << 16, quality, 22);
        writer.write_all(bytes)?;
        writer.flush()?;
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::Decompressor::new(bytes, 4096)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn text_and_wasm_get_copies_that_decompress_to_them() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let page = "<!doctype html><p>Storyscope</p>\n".repeat(100);
        fs::create_dir_all(dir.join("data")).unwrap();
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("data/stories.json"), page.replace('p', "q")).unwrap();
        fs::write(dir.join("tiny.js"), "go()").unwrap();
        fs::write(dir.join("photo.png"), vec![7u8; 4096]).unwrap();
        let done = precompress(dir).unwrap();
        assert_eq!(done.files, 2);
        assert!(
            done.brotli < done.bytes / 10 && done.gzip < done.bytes / 10,
            "{done:?}"
        );
        let br = fs::read(dir.join("index.html.br")).unwrap();
        let gz = fs::read(dir.join("index.html.gz")).unwrap();
        assert_eq!(unbrotli(&br), page.as_bytes());
        assert_eq!(ungzip(&gz), page.as_bytes());
        assert!(dir.join("data/stories.json.br").is_file());
        // Too small to gain, or not text: left alone.
        assert!(!dir.join("tiny.js.gz").exists());
        assert!(!dir.join("photo.png.gz").exists());
        // A second run writes the same and compresses no copy.
        let again = precompress(dir).unwrap();
        assert_eq!(again, done);
        assert!(!dir.join("index.html.br.br").exists());
        assert_eq!(fs::read(dir.join("index.html.br")).unwrap(), br);
    }

    #[test]
    fn a_copy_no_smaller_is_not_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Random bytes do not compress.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        fs::write(dir.join("noise.wasm"), &noise).unwrap();
        fs::write(dir.join("noise.wasm.gz"), b"stale").unwrap();
        let done = precompress(dir).unwrap();
        assert_eq!((done.files, done.brotli, done.gzip), (1, 4096, 4096));
        assert!(!dir.join("noise.wasm.gz").exists());
        assert!(!dir.join("noise.wasm.br").exists());
    }
}
