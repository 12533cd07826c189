//! Placeholder until the charset module lands: Latin-1 / UTF-8 only.
#[derive(Default)]
pub struct CharacterSet {
    utf8: bool,
}
impl CharacterSet {
    pub fn from_terms(terms: &[&str]) -> Self {
        CharacterSet {
            utf8: terms.contains(&"ISO_IR 192"),
        }
    }
    pub fn decode(&self, bytes: &[u8], _pn: bool) -> String {
        if self.utf8 {
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            crate::value::latin1(bytes)
        }
    }
}
