//! `aims licenses`: the notices of third-party material embedded in the binary. The PDF pack
//! embeds two font families from typst-assets (Libertinus Serif, SIL Open Font License; DejaVu
//! Sans Mono, Bitstream Vera licence) and typst embeds its ICC colour profiles; their notices
//! must travel with every copy of the binary, so the binary carries them.

use super::Outcome;
use std::io::Write;

const FONT_NOTICE: &str = include_str!("../../licenses/typst-assets-fonts-NOTICE.txt");

pub fn run(out: &mut dyn Write) -> Outcome {
    writeln!(
        out,
        "aims embeds Libertinus Serif and DejaVu Sans Mono (from typst-assets 0.15, in fonts/) for its PDF pack, and typst embeds the ICC profiles of typst-assets. Their licences (the notice of typst-assets, whole):\n"
    )?;
    out.write_all(FONT_NOTICE.as_bytes())?;
    Ok(0)
}
