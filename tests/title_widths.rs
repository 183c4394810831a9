//! The layout measures titles by adding their characters' advances (`timeline::TextWidths`)
//! instead of laying each one out; egui's own layout of every title of the bundled dataset,
//! a generated one and the vis-timeline comparison items must never come out wider than that
//! measure, nor much narrower.

use annals::generate::anchor::make_items;
use annals::generate::{GenerateOptions, generate};
use annals::timeline::TextWidths;

fn titles_of(dir: &std::path::Path) -> Vec<String> {
    let loaded = annals::store::load_dataset(dir);
    let dataset = loaded.dataset.expect("dataset loads");
    dataset
        .events()
        .iter()
        .map(|e| {
            if e.when.is_approximate() {
                format!("c. {}", e.title)
            } else {
                e.title.to_string()
            }
        })
        .collect()
}

#[test]
fn summed_advances_bound_the_laid_out_width() {
    // Measured when written: at most 1.9 points of slack on real titles at 13 points, 3.7 on
    // a line made of kerning pairs ("AVAWAY") in three scripts.
    let ctx = egui::Context::default();
    annals::ui::fonts::install(&ctx);
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    let generated = tempfile::tempdir().unwrap();
    generate(generated.path(), &GenerateOptions::new(2_000, 3)).unwrap();
    let mut titles = titles_of(&annals::cli::bundled_dataset_path());
    titles.extend(titles_of(generated.path()));
    titles.extend(make_items(3_000, 1).into_iter().map(|i| i.content));
    titles.push("Путин и Си Цзиньпин: 普京与习近平会谈 — AVAWAY Tö".into());
    for size in [13.0, 18.0] {
        let font = egui::FontId::proportional(size);
        let mut widths = TextWidths::default();
        widths.reset_if_changed(titles.len(), size, 1.0);
        let mut worst_slack = 0.0f32;
        for (i, title) in titles.iter().enumerate() {
            let measured = widths.width(
                i,
                || ["", title, ""],
                |c| ctx.fonts_mut(|f| f.glyph_width(&font, c)),
            );
            let laid_out = ctx
                .fonts_mut(|f| f.layout_no_wrap(title.clone(), font.clone(), egui::Color32::WHITE))
                .size()
                .x;
            assert!(
                laid_out <= measured,
                "{title:?} at {size}: laid out {laid_out}, measured {measured}"
            );
            worst_slack = worst_slack.max(measured - laid_out);
        }
        assert!(
            worst_slack <= 5.0,
            "the measure should stay close to the layout: {worst_slack} points too wide"
        );
    }
}
