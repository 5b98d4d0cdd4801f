//! The parts of a program the code panel treats apart: the idiom it marks (the lines that change
//! with how the caller awaits) and the scaffolding it folds (imports, the job table, helpers, the task),
//! so a reader meets the await and its catch first. The templates mark each part with lines of
//! their own, `{{IDIOM}}` or `{{FOLD jobs}}` … `{{END}}`, which [`take_regions`] removes.

/// What a region of a program is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// The code that awaits the tasks and takes what it received: the lines that change between modes.
    Idiom,
    Imports,
    Jobs,
    /// The log helper and the like: code every mode shares and nobody came to read.
    Helpers,
    /// The function each job runs: the same in every mode, and opened when a replay stands in it.
    Task,
}

impl RegionKind {
    const ALL: [RegionKind; 5] = [
        RegionKind::Idiom,
        RegionKind::Imports,
        RegionKind::Jobs,
        RegionKind::Helpers,
        RegionKind::Task,
    ];

    /// The template line that opens a region of this kind.
    const fn marker(self) -> &'static str {
        match self {
            RegionKind::Idiom => "{{IDIOM}}",
            RegionKind::Imports => "{{FOLD imports}}",
            RegionKind::Jobs => "{{FOLD jobs}}",
            RegionKind::Helpers => "{{FOLD helpers}}",
            RegionKind::Task => "{{FOLD task}}",
        }
    }

    /// What a folded region of this kind holds, as its fold line names it.
    pub const fn contents(self) -> &'static str {
        match self {
            RegionKind::Idiom => "the await and what the caller does with its result",
            RegionKind::Imports => "imports",
            RegionKind::Jobs => "the job table",
            RegionKind::Helpers => "helpers (the log and the like)",
            RegionKind::Task => "the task each job runs",
        }
    }

    /// Whether the panel folds a region of this kind until the reader opens it.
    pub const fn folds(self) -> bool {
        !matches!(self, RegionKind::Idiom)
    }
}

/// The template line that closes the region opened last.
const END: &str = "{{END}}";

/// A run of lines of a program (0-based, as the panel numbers them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub first: u32,
    pub count: u32,
    pub kind: RegionKind,
}

impl Region {
    pub fn contains(&self, line: u32) -> bool {
        (self.first..self.first + self.count).contains(&line)
    }

    /// The flat form, to cross from the writer to the page: three numbers a region.
    pub fn to_numbers(regions: &[Region]) -> Vec<u32> {
        regions
            .iter()
            .flat_map(|region| {
                let kind = RegionKind::ALL
                    .iter()
                    .position(|&kind| kind == region.kind)
                    .unwrap_or_default() as u32;
                [region.first, region.count, kind]
            })
            .collect()
    }

    /// Back from the flat form; a garbled triple is dropped, never a panic.
    pub fn from_numbers(numbers: &[u32]) -> Vec<Region> {
        numbers
            .chunks_exact(3)
            .filter_map(|triple| {
                Some(Region {
                    first: triple[0],
                    count: triple[1],
                    kind: *RegionKind::ALL.get(triple[2] as usize)?,
                })
            })
            .collect()
    }
}

/// `text` without its region marker lines, and the regions they marked. A marker counts only as a
/// whole line (indentation aside), so a label that spells one stays in its job line as typed.
pub fn take_regions(text: &str) -> (String, Vec<Region>) {
    let mut kept: Vec<&str> = Vec::new();
    let mut open: Vec<(RegionKind, u32)> = Vec::new();
    let mut regions = Vec::new();
    for line in text.split('\n') {
        let marker = line.trim();
        let line_number = kept.len() as u32;
        if let Some(&kind) = RegionKind::ALL.iter().find(|kind| kind.marker() == marker) {
            open.push((kind, line_number));
        } else if marker == END {
            if let Some((kind, first)) = open.pop() {
                regions.push(Region {
                    first,
                    count: line_number - first,
                    kind,
                });
            }
        } else {
            kept.push(line);
        }
    }
    regions.sort_by_key(|region| region.first);
    (kept.join("\n"), regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_leave_the_text_and_name_its_regions() {
        let text = "a\n{{FOLD jobs}}\n  j1\n  j2\n{{END}}\nb\n    {{IDIOM}}\n    c\n    {{END}}\n";
        let (kept, regions) = take_regions(text);
        assert_eq!(kept, "a\n  j1\n  j2\nb\n    c\n");
        assert_eq!(
            regions,
            [
                Region {
                    first: 1,
                    count: 2,
                    kind: RegionKind::Jobs
                },
                Region {
                    first: 4,
                    count: 1,
                    kind: RegionKind::Idiom
                },
            ]
        );
        assert_eq!(Region::from_numbers(&Region::to_numbers(&regions)), regions);
    }

    #[test]
    fn a_marker_inside_a_line_is_text() {
        let text = "(\"{{END}}\", 1)\n{{FOLD jobs}} x\n";
        assert_eq!(take_regions(text), (text.to_owned(), Vec::new()));
    }

    #[test]
    fn a_garbled_flat_form_gives_fewer_regions() {
        assert_eq!(Region::from_numbers(&[1, 2, 99, 4]), []);
        assert_eq!(Region::from_numbers(&[1, 2, 2]).len(), 1);
    }
}
