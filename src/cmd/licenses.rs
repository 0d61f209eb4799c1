//! `aims licenses`: the notices of third-party material embedded in the binary. The PDF pack
//! embeds fonts from typst-assets (SIL Open Font License, GUST Font License, Bitstream Vera
//! licence); their notices must travel with every copy of the binary, so the binary carries them.

use super::Outcome;
use std::io::Write;

const FONT_NOTICE: &str = include_str!("../../licenses/typst-assets-fonts-NOTICE.txt");

pub fn run(out: &mut dyn Write) -> Outcome {
    writeln!(
        out,
        "aims embeds the fonts of typst-assets 0.15 for its PDF pack. Their licences:\n"
    )?;
    out.write_all(FONT_NOTICE.as_bytes())?;
    Ok(0)
}
