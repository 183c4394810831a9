//! Fixtures for unit tests.

/// The bundled dataset, loaded (it loads without errors).
pub(crate) fn bundled_dataset() -> crate::model::Dataset {
    crate::store::load_dataset(&crate::paths::bundled_dataset_path())
        .dataset
        .expect("the bundled dataset loads")
}
