//! The little binary format of the bundled tables: LEB128 varints, zigzag deltas and
//! length-prefixed UTF-8 strings, compressed with zstd.

use crate::GazetteerError;

/// zstd level for the shipped files: slow to write once, fast to read every start.
const COMPRESSION_LEVEL: i32 = 19;

pub(crate) fn compress(bytes: &[u8]) -> Result<Vec<u8>, GazetteerError> {
    zstd::stream::encode_all(bytes, COMPRESSION_LEVEL)
        .map_err(|error| GazetteerError::Corrupt(format!("compressing: {error}")))
}

pub(crate) fn decompress(bytes: &[u8]) -> Result<Vec<u8>, GazetteerError> {
    zstd::stream::decode_all(bytes)
        .map_err(|error| GazetteerError::Corrupt(format!("decompressing: {error}")))
}

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.bytes.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
    }

    pub(crate) fn signed(&mut self, value: i64) {
        self.varint(((value << 1) ^ (value >> 63)) as u64);
    }

    pub(crate) fn text(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
}

/// Reads what a [`Writer`] wrote; every read is bounds-checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, position: 0 }
    }

    pub(crate) fn varint(&mut self) -> Result<u64, GazetteerError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self
                .bytes
                .get(self.position)
                .ok_or_else(|| truncated(self.position))?;
            self.position += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(GazetteerError::Corrupt(format!(
            "varint too long at byte {}",
            self.position
        )))
    }

    pub(crate) fn signed(&mut self) -> Result<i64, GazetteerError> {
        let zigzag = self.varint()?;
        Ok((zigzag >> 1) as i64 ^ -((zigzag & 1) as i64))
    }

    /// A count or index that must fit the platform and stay below `limit`.
    pub(crate) fn index(&mut self, limit: usize) -> Result<usize, GazetteerError> {
        let value = self.varint()?;
        usize::try_from(value)
            .ok()
            .filter(|v| *v < limit)
            .ok_or_else(|| {
                GazetteerError::Corrupt(format!("value {value} out of range (limit {limit})"))
            })
    }

    pub(crate) fn coordinate(&mut self) -> Result<i32, GazetteerError> {
        let value = self.signed()?;
        i32::try_from(value)
            .map_err(|_| GazetteerError::Corrupt(format!("coordinate {value} out of range")))
    }

    pub(crate) fn text(&mut self) -> Result<&'a str, GazetteerError> {
        let length = self.index(self.bytes.len() + 1)?;
        let bytes = self.raw(length)?;
        std::str::from_utf8(bytes)
            .map_err(|error| GazetteerError::Corrupt(format!("text is not UTF-8: {error}")))
    }

    pub(crate) fn raw(&mut self, length: usize) -> Result<&'a [u8], GazetteerError> {
        let end = self
            .position
            .checked_add(length)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| truncated(self.position))?;
        let slice = &self.bytes[self.position..end];
        self.position = end;
        Ok(slice)
    }

    pub(crate) fn expect_magic(&mut self, magic: &[u8]) -> Result<(), GazetteerError> {
        if self.raw(magic.len())? == magic {
            Ok(())
        } else {
            Err(GazetteerError::Corrupt(format!(
                "not a {} file",
                String::from_utf8_lossy(magic).trim()
            )))
        }
    }
}

fn truncated(position: usize) -> GazetteerError {
    GazetteerError::Corrupt(format!("truncated at byte {position}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn values_round_trip(values in proptest::collection::vec(any::<i64>(), 0..50), text in "\\PC{0,30}") {
            let mut writer = Writer::default();
            for v in &values {
                writer.signed(*v);
                writer.varint(v.unsigned_abs());
            }
            writer.text(&text);
            let mut reader = Reader::new(&writer.bytes);
            for v in &values {
                prop_assert_eq!(reader.signed().unwrap(), *v);
                prop_assert_eq!(reader.varint().unwrap(), v.unsigned_abs());
            }
            prop_assert_eq!(reader.text().unwrap(), text.as_str());
        }

        #[test]
        fn garbage_is_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut reader = Reader::new(&bytes);
            let _ = reader.text();
            let _ = reader.varint();
            let _ = reader.coordinate();
            let _ = reader.index(10);
        }
    }

    #[test]
    fn compression_round_trips() {
        let data = b"WS1 1AA WS1 1AA WS1 1AA".repeat(100);
        assert_eq!(decompress(&compress(&data).unwrap()).unwrap(), data);
        assert!(decompress(b"not zstd").is_err());
    }
}
