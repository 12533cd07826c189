//! A DICOM tag as a value: group and element in one `u32`, shown as pydicom shows it.

use std::fmt;

/// A tag, `group << 16 | element`; displays as `(0010,0010)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(pub u32);

impl Tag {
    pub fn group(self) -> u16 {
        (self.0 >> 16) as u16
    }

    pub fn element(self) -> u16 {
        self.0 as u16
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:04X},{:04X})", self.group(), self.element())
    }
}

#[cfg(test)]
mod tests {
    use super::Tag;

    #[test]
    fn shown_as_pydicom_does() {
        assert_eq!(Tag(0x7FE0_0010).to_string(), "(7FE0,0010)");
        assert_eq!(Tag(0x0008_0005).group(), 8);
        assert_eq!(Tag(0xFFFE_E000).element(), 0xE000);
    }
}
