package render

import (
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
)

// Rule is one finding code budget validate can report, as SARIF's rules and JUnit's failures
// describe it: its usual severity, a one-line description and the help text that says what the
// finding means and how to fix or acknowledge it. The texts are budget's documentation, in
// English in every language, as --help is; the findings' own messages are worded in the run's.
type Rule struct {
	Code string
	// Level is the severity the code's findings have; file-name is mostly an error, but a folder
	// named like a data file is a warning: each result carries its own.
	Level diag.Severity
	// Short is a line; Full says what a finding means, and Fix how to fix or acknowledge it
	// (SARIF's help is the two).
	Short, Full, Fix string
}

const (
	fixData     = "Correct the file at the position shown; budget validate exits 1 while any error stands."
	acknowledge = "Correct the figure if it was transcribed wrongly. If the document itself prints it so, " +
		"acknowledge it in the file that causes it, with a reason: acknowledged: [{check: CODE, at: <the finding's path, or a parent of it>, reason: ...}]. " +
		"budget validate --strict fails on unacknowledged warnings."
)

// Rules are the codes of every finding budget validate gives: of the loader (pkg/ledger,
// pkg/proposal), of the checks (pkg/check) and of the list itself (too-many-errors), sorted by
// code. A test reads the sources and fails on a code missing here, or listed here and never used.
var Rules = []Rule{
	{"alias", diag.Error, "A YAML alias, anchor or merge key", "Aliases (*a), anchors (&a) and merge keys (<<) are not allowed: a figure would have two places. Write the value out.", fixData},
	{"bad-amount", diag.Error, "An amount that is not an exact decimal number", "Amounts are exact decimals: digits with an optional minus and \".\" before decimals, e.g. -1183 or 0.5; not 1e3, 0x10, .5, 1_000, +5 or Danish 1.183,5.", fixData},
	{"bad-key", diag.Error, "A key that is neither a field name nor a year", "A key must be a field name or a year (2026); 2026.0, ~, -1, 99999 and \"\" are reported at the key.", fixData},
	{"catalog-mismatch", diag.Warning, "A catalog cell differs from the proposal's own permanent change", "A printed catalog cell differs from the proposal's own permanent change, and is not that figure with the other sign (that is sign).", acknowledge},
	{"catalog-out-of-step", diag.Warning, "A draft catalog's figures differ from what its proposals imply", "A draft catalog's figures differ from what its proposals imply.", "Run budget catalog sync to write them. It cannot be acknowledged: an acknowledgement would let a draft with stale tables pass validate --strict."},
	{"continues", diag.Error, "A continuation link is broken", "A proposal's continues names a budget the ledger does not hold, one that is not earlier than its own, or a number that budget has not.", "Correct the link, or add the earlier budget's folder to the ledger."},
	{"control-character", diag.Error, "A text or key holds a control, bidirectional or invisible character", "In the manner of Go's and Rust's \"trojan source\" checks, no text or key may hold a control character, a bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), a zero-width or other invisible character or a line separator; tab, line feed and no-break space are ordinary text. Remove the character named in the message.", fixData},
	{"duplicate-id", diag.Error, "Two cross-cutting proposals share an id", "Every cross-cutting proposal has an id of its own. Rename one of the two.", fixData},
	{"duplicate-key", diag.Error, "A mapping holds a key twice", "A key may stand once in a mapping: remove or rename the second.", fixData},
	{"duplicate-number", diag.Error, "Two proposals share a number", "Every proposal has a number of its own. Renumber one of the two.", fixData},
	{"empty", diag.Error, "A file holds no YAML document", "A data file holds one YAML mapping. Write the file's content, or remove the file.", fixData},
	{"encoding", diag.Error, "A file is binary or not valid UTF-8", "Data files are UTF-8 text. Save the file as UTF-8, or remove it from the ledger.", fixData},
	{"file-name", diag.Error, "A data file or folder is named wrongly", "A data file's name ends in .yaml or .yml, in lower case; a name ending in .YAML or .Yml is not read (an error). A folder named like a data file is read, but is a warning.", "Rename the file or folder."},
	{"file-too-large", diag.Error, "A file is larger than the limit", "A file over the size limit is not read.", "Split it, or raise the limit with --max-file-size or BUDGET_MAX_FILE_SIZE."},
	{"goal-without-note", diag.Error, "A follow-up goal marked met without a note", "A goal of realised.goals has status met but no note: a goal met says what shows it.", fixData},
	{"intro-mismatch", diag.Warning, "The catalog's introduction differs from its proposals", "A figure of the catalog's introduction (approved or delivered) differs from what its proposals add up to.", acknowledge},
	{"investment-mismatch", diag.Warning, "A total investment differs from the proposal's table", "The proposal's total investment differs from the sum its table implies.", acknowledge},
	{"leftover", diag.Warning, "A temporary file of an interrupted write", "A temporary file that an interrupted budget fmt or budget new left behind.", "budget fmt removes it."},
	{"no-catalog", diag.Error, "The ledger has no catalog.yaml", "catalog.yaml names the committees and years every proposal refers to.", "Add it at the ledger's root."},
	{"payback-mismatch", diag.Warning, "A payback does not follow from the proposal's table", "The printed payback does not follow from the proposal's table.", acknowledge},
	{"placeholder", diag.Warning, "A value is still a placeholder", "A value budget new wrote as a placeholder is still there.", "Write the value the document gives."},
	{"read", diag.Error, "A file or folder cannot be read", "A file or folder that cannot be read, or a device, pipe or socket named like a data file.", "Put the file itself in the ledger, or make it readable."},
	{"realised-year", diag.Error, "A realised figure in a year outside the proposal's table", "A year of realised.permanent is not one of the proposal's own years (economy.years): there is no promise to set it against. It is reported at the year's key.", fixData},
	{"reserved-id", diag.Error, "A committee id is the folder of the cross-cutting proposals", "The committee id cross-cutting is the folder of the cross-cutting proposals. Choose another id.", fixData},
	{"schema", diag.Error, "A file does not match its JSON Schema", "The file does not match its JSON Schema (schema/*.schema.json): a missing or unknown field (with \"did you mean\"), a wrong type or value.", fixData},
	{"several-documents", diag.Error, "A file holds more than one YAML document", "A data file holds exactly one YAML document: remove the second (after ---) or move it to a file of its own.", fixData},
	{"shortfall", diag.Warning, "A realised saving falls short of the promise by more than the catalog allows", "A year's realised permanent change saves less than the proposal's Tabel 1 promised, by more than the catalog's shortfall_threshold times the promise (a shortfall equal to it passes).", "Correct the realised figure if it was transcribed wrongly. If the report says so, acknowledge it in the proposal's file, with a reason: acknowledged: [{check: CODE, at: realised.permanent.<year>, reason: ...}]. budget validate --strict fails on unacknowledged warnings."},
	{"sign", diag.Warning, "A figure has the sign against the rule", "A figure's sign is against the rule, e.g. savings printed positive.", acknowledge},
	{"sum-mismatch", diag.Warning, "A declared total is not the sum of its rows", "A declared total is not the sum of its rows, or a total impact is not permanent change plus implementation.", acknowledge},
	{"symlink", diag.Error, "A symbolic link in the ledger", "Symbolic links are not followed: they could lead out of the ledger.", "Put the file itself in the ledger."},
	{"table-mismatch", diag.Warning, "A printed catalog table differs from the sum of its proposals", "A printed catalog table differs from the sum of its proposals.", acknowledge},
	{"tag", diag.Error, "A YAML tag", "YAML tags (!!str, !x) are not allowed: write the plain value.", fixData},
	{"thousands-separator", diag.Warning, "An amount looks written with a thousands separator", "An amount such as 1.183 reads as one point something; if the document means one thousand one hundred and eighty-three, write 1183.", acknowledge},
	{"too-deep", diag.Error, "A file nests deeper than the limit", "Nesting deeper than the limit is not read.", "Flatten the file, or raise the limit with --max-depth or BUDGET_MAX_DEPTH."},
	{"too-many-errors", diag.Error, "More errors follow in this file", "budget shows the first 100 errors of a file.", "Fix those first, and the rest show."},
	{"unknown-committee", diag.Error, "A committee the catalog does not name", "A proposal or share names a committee that is not among the catalog's committees. Use one of the ids the message lists, or add the committee to catalog.yaml.", fixData},
	{"unknown-goal", diag.Error, "A goal status that names no follow-up goal, or several", "Each item of realised.goals names one row of follow_up by its goal's text, and by its measure where two rows share a text, and names it once.", fixData},
	{"unknown-year", diag.Error, "A year outside the table's columns", "A figure stands in a year that is not one of its table's or the catalog's years.", fixData},
	{"unused-acknowledgement", diag.Warning, "An acknowledgement that matches no finding", "An acknowledgement whose check found nothing at its place, or that names no warning (a typo, an error's code) or no place in its file.", "Remove it, or correct its check or at."},
	{"wrong-folder", diag.Error, "A proposal is in another committee's folder", "A proposal lives in the folder of its committee. Move it there, or correct its committee.", fixData},
	{"yaml-syntax", diag.Error, "A file is not valid YAML", "The YAML parser cannot read the file; its own words (in English) say why.", fixData},
	{"year-coverage", diag.Warning, "A proposal's table leaves catalog years uncovered", "Tabel 1's columns leave some of the catalog's years uncovered.", acknowledge},
}

// Help is what a finding of the rule means and how to fix or acknowledge it, with the rule's own
// code where the text names it.
func (r Rule) Help() string {
	return r.Full + " " + strings.ReplaceAll(r.Fix, "check: CODE", "check: "+r.Code)
}

// ruleIndexes gives each code its index in Rules.
func ruleIndexes() map[string]int {
	m := make(map[string]int, len(Rules))
	for i, r := range Rules {
		m[r.Code] = i
	}
	return m
}
