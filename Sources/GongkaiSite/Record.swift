import GongkaiTemplate

/// Template data for one thing shown in a section (an item, a row, a card).
///
/// Mustache looks a missing key up in the enclosing contexts, so an item without `summary` would
/// show its parent's. A record answers `false` for every key it lacks, which ends the lookup there.
typealias Record = TemplateRecord
