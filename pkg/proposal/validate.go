package proposal

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/schema"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

const schemaBase = "https://budget.invalid/schema/"

type compiled struct {
	schemas map[string]*jsonschema.Schema
	raw     map[string]any // the schema documents, for "did you mean" suggestions
	err     error
}

var (
	compileOnce sync.Once
	schemas     compiled
)

func loadSchemas() compiled {
	compileOnce.Do(func() {
		c := jsonschema.NewCompiler()
		schemas.raw = map[string]any{}
		for _, name := range schema.Names {
			file := name + ".schema.json"
			data, err := schema.Files.ReadFile(file)
			if err != nil {
				schemas.err = err
				return
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				schemas.err = fmt.Errorf("schema %s: %w", file, err)
				return
			}
			schemas.raw[schemaBase+file] = doc
			if err := c.AddResource(schemaBase+file, doc); err != nil {
				schemas.err = err
				return
			}
		}
		schemas.schemas = map[string]*jsonschema.Schema{}
		for _, name := range schema.Names {
			s, err := c.Compile(schemaBase + name + ".schema.json")
			if err != nil {
				schemas.err = err
				return
			}
			schemas.schemas[name] = s
		}
	})
	return schemas
}

var (
	modeOnce  sync.Once
	checkMode string
)

// schemaCheckMode is BUDGET_SCHEMA: "" (the generated check, jsonschema for a file that fails),
// "jsonschema" (jsonschema only, for a bug report), or "both" (every file through both, a
// disagreement an error: CI runs the tests so).
func schemaCheckMode() string {
	modeOnce.Do(func() { checkMode = os.Getenv("BUDGET_SCHEMA") })
	return checkMode
}

var printer = sync.OnceValue(func() *message.Printer { return message.NewPrinter(language.English) })

// Validate checks the document against the named schema ("proposal", "crosscutting", "catalog")
// and returns each violation at the line and column of the value it is about.
//
// A file that passes takes only the generated check (schemafast_gen.go): on the tree where the
// converter reported no error (schemafastnode_gen.go), so that its values are never built, else
// on the values. jsonschema, compiled at the first file that fails, words the diagnostics.
func (d *Parsed) Validate(name string) diag.List {
	mode := schemaCheckMode()
	var fast bool
	if mode != "jsonschema" {
		if d.clean {
			fast = fastSchemaValidNode(name, d.Root)
		} else {
			fast = fastSchemaValid(name, d.Value())
		}
	}
	if fast && mode != "both" {
		return nil
	}
	var ds diag.List
	s := loadSchemas()
	if s.err != nil {
		ds.Errorf(diag.Pos{File: d.File}, "", "schema", "internal schema error: %v", s.err)
		return ds
	}
	err := s.schemas[name].Validate(d.Value())
	if mode == "both" && d.clean {
		if onValues := fastSchemaValid(name, d.Value()); onValues != fast {
			ds.Errorf(diag.Pos{File: d.File}, "", "schema", "internal schema error: the generated check says valid %v on the tree, %v on the values", fast, onValues)
			return ds
		}
	}
	if mode == "both" && fast != (err == nil) {
		ds.Errorf(diag.Pos{File: d.File}, "", "schema", "internal schema error: the generated check says valid %v, jsonschema %v", fast, err == nil)
		return ds
	}
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		ds.Errorf(diag.Pos{File: d.File}, "", "schema", "%v", err)
		return ds
	}
	w := leafWalk{s: s, ds: &ds}
	d.schemaLeaves(ve, &w)
	ds = dedupe(ds)
	if w.stopped {
		ds, _ = ds.LimitErrors(true)
	}
	return ds
}

// leafWalk is the state of one schemaLeaves walk: what it writes to, and whether it stopped at
// maxLeaves, the most diagnostics it makes of one file's schema errors (diag.LimitErrors shows
// fewer; duplicates are dropped after the walk).
type leafWalk struct {
	s       compiled
	ds      *diag.List
	stopped bool
}

const maxLeaves = 4 * diag.MaxErrorsPerFile

func (w *leafWalk) full() bool {
	if len(*w.ds) >= maxLeaves {
		w.stopped = true
	}
	return w.stopped
}

// byLocation orders the validator's errors by where they are: it finds them in the order of Go's
// map iteration, and a walk that stops early must stop at the same place every run.
func byLocation(a, b *jsonschema.ValidationError) int {
	for i := range min(len(a.InstanceLocation), len(b.InstanceLocation)) {
		x, y := a.InstanceLocation[i], b.InstanceLocation[i]
		if x == y {
			continue
		}
		if len(x) != len(y) && isIndex(x) && isIndex(y) {
			return cmp.Compare(len(x), len(y))
		}
		return strings.Compare(x, y)
	}
	return cmp.Or(cmp.Compare(len(a.InstanceLocation), len(b.InstanceLocation)), strings.Compare(a.SchemaURL, b.SchemaURL))
}

func isIndex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// schemaLeaves turns the innermost errors of the tree into diagnostics; an anyOf whose branches
// all fail at the same place becomes one message listing what was expected.
func (d *Parsed) schemaLeaves(e *jsonschema.ValidationError, w *leafWalk) {
	if w.full() {
		return
	}
	s, ds := w.s, w.ds
	path := strings.Join(e.InstanceLocation, ".")
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		var wants []any
		for _, c := range e.Causes {
			if t, ok := c.ErrorKind.(*kind.Type); ok && len(c.Causes) == 0 {
				wants = append(wants, typeNames(t.Want)...)
			} else if cst, ok := c.ErrorKind.(*kind.Const); ok {
				wants = append(wants, fmt.Sprintf("%v", cst.Want))
			} else if en, ok := c.ErrorKind.(*kind.Enum); ok {
				for _, w := range en.Want {
					wants = append(wants, fmt.Sprintf("%v", w))
				}
			} else if len(c.Causes) == 0 {
				wants = append(wants, kindText(c.ErrorKind))
			} else {
				// A branch that matched the type but failed inside: its leaves are the real news.
				slices.SortFunc(c.Causes, byLocation)
				for _, cc := range c.Causes {
					d.schemaLeaves(cc, w)
				}
				return
			}
		}
		ds.Errorf(d.Pos(path), path, "schema", "%s: got %s, want %s", describe(path), jsonType(d.valueAt(path)), orList(wants))
		return
	case *kind.AdditionalProperties:
		allowed, patterns := s.allowed(e.SchemaURL)
		slices.Sort(k.Properties)
		for _, p := range k.Properties {
			if w.full() {
				return
			}
			sub := Join(path, p)
			switch alt := suggest(p, allowed); {
			case len(allowed) == 0 && len(patterns) > 0:
				ds.Errorf(d.KeyPos(sub), sub, "schema", "key %s in %s is not %s", diag.Quote(p), describe(path), keysWanted(patterns))
			case alt != "":
				ds.Errorf(d.KeyPos(sub), sub, "schema", "unknown field %s in %s; did you mean %q?", diag.Quote(p), describe(path), alt)
			default:
				ds.Errorf(d.KeyPos(sub), sub, "schema", "unknown field %s in %s", diag.Quote(p), describe(path))
			}
		}
		return
	case *kind.UniqueItems:
		i, j := k.Duplicates[0], k.Duplicates[1]
		sub := Join(path, strconv.Itoa(j))
		ds.Errorf(d.Pos(sub), sub, "schema", "%s: item %d repeats item %d (%s): list each once", describe(path), j, i, jsonType(d.valueAt(sub)))
		return
	case *kind.Minimum:
		// The validator's own message goes through float64 and prints thousands separators
		// ("got 99,999"); the bound and the file's own text say it exactly.
		ds.Errorf(d.Pos(path), path, "schema", "%s: got %s, want at least %s", describe(path), jsonType(d.valueAt(path)), k.Want.RatString())
		return
	case *kind.Maximum:
		ds.Errorf(d.Pos(path), path, "schema", "%s: got %s, want at most %s", describe(path), jsonType(d.valueAt(path)), k.Want.RatString())
		return
	case *kind.Required:
		for _, m := range k.Missing {
			ds.Errorf(d.Pos(path), Join(path, m), "schema", "missing required field %q in %s", m, describe(path))
		}
		return
	case *kind.Type:
		ds.Errorf(d.Pos(path), path, "schema", "%s: got %s, want %s", describe(path), jsonType(d.valueAt(path)), orList(typeNames(k.Want)))
		return
	}
	if len(e.Causes) == 0 {
		ds.Errorf(d.Pos(path), path, "schema", "%s: %s", describe(path), kindText(e.ErrorKind))
		return
	}
	slices.SortFunc(e.Causes, byLocation)
	for _, c := range e.Causes {
		d.schemaLeaves(c, w)
	}
}

func describe(path string) any {
	if path == "" {
		return msg.Newf("the file")
	}
	return diag.Clip(path)
}

// kindText words the common kinds of schema error as the validator does in English, and in
// Danish too; the others keep the validator's own (English) words.
func kindText(k jsonschema.ErrorKind) any {
	switch k := k.(type) {
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, v := range k.Want {
			switch v.(type) {
			case []any, map[string]any:
				return k.LocalizedString(printer())
			}
			want[i] = schemaDisplay(v)
		}
		if len(want) == 1 {
			return msg.Newf("value must be %s", want[0])
		}
		return msg.Newf("value must be one of %s", strings.Join(want, ", "))
	case *kind.Const:
		switch k.Want.(type) {
		case []any, map[string]any:
			return k.LocalizedString(printer())
		}
		return msg.Newf("value must be %s", schemaDisplay(k.Want))
	case *kind.Pattern:
		return msg.Newf("%s does not match pattern %s", schemaQuote(k.Got), schemaQuote(k.Want))
	case *kind.MinLength:
		return msg.Newf("minLength: got %d, want %d", k.Got, k.Want)
	case *kind.MaxLength:
		return msg.Newf("maxLength: got %d, want %d", k.Got, k.Want)
	case *kind.MinItems:
		return msg.Newf("minItems: got %d, want %d", k.Got, k.Want)
	case *kind.MaxItems:
		return msg.Newf("maxItems: got %d, want %d", k.Got, k.Want)
	}
	return k.LocalizedString(printer())
}

// schemaQuote and schemaDisplay show values as the validator's messages do: 'text', 12.
func schemaQuote(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(strconv.Quote(s), `\"`, `"`), `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

func schemaDisplay(v any) string {
	if s, ok := v.(string); ok {
		return schemaQuote(s)
	}
	return fmt.Sprintf("%v", v)
}

// typeNames are the JSON types a schema wants, worded.
func typeNames(ts []string) []any {
	out := make([]any, len(ts))
	for i, t := range ts {
		out[i] = t
		if w, ok := jsonTypeNames[t]; ok {
			out[i] = w
		}
	}
	return out
}

var jsonTypeNames = map[string]msg.Text{
	"string": msg.Newf("string"), "number": msg.Newf("number"), "integer": msg.Newf("integer"),
	"boolean": msg.Newf("boolean"), "null": msg.Newf("null"), "object": msg.Newf("object"), "array": msg.Newf("array"),
}

// orList joins items as "a or b or c".
func orList(items []any) any {
	if len(items) == 0 {
		return ""
	}
	out := items[0]
	for _, it := range items[1:] {
		out = msg.Newf("%s or %s", out, it)
	}
	return out
}

func (d *Parsed) valueAt(path string) any {
	v := d.Value()
	if path == "" {
		return v
	}
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			var i int
			if _, err := fmt.Sscan(seg, &i); err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func jsonType(v any) any {
	switch x := v.(type) {
	case nil:
		return msg.Newf("null")
	case bool:
		return msg.Newf("boolean")
	case json.Number:
		return msg.Newf("number %s", diag.Clip(x.String()))
	case string:
		return msg.Newf("string %s", diag.Quote(x))
	case []any:
		return msg.Newf("a list")
	case map[string]any:
		return msg.Newf("a mapping")
	}
	return fmt.Sprintf("%T", v)
}

// at returns the schema node at url (a schema file with its JSON pointer fragment), or nil.
func (c compiled) at(url string) any {
	base, frag, _ := strings.Cut(url, "#")
	var node any = c.raw[base]
	for _, tok := range strings.Split(strings.Trim(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
	}
	return node
}

// allowed lists the property names the schema at url (with its JSON pointer fragment) declares,
// and the patterns of its patternProperties.
func (c compiled) allowed(url string) (names, patterns []string) {
	m, _ := c.at(url).(map[string]any)
	for _, kw := range []struct {
		name string
		out  *[]string
	}{{"properties", &names}, {"patternProperties", &patterns}} {
		props, _ := m[kw.name].(map[string]any)
		for k := range props {
			*kw.out = append(*kw.out, k)
		}
		slices.Sort(*kw.out)
	}
	return names, patterns
}

// keysWanted says what the keys of a mapping whose keys follow patterns look like.
func keysWanted(patterns []string) msg.Text {
	if len(patterns) == 1 && patterns[0] == yearKeyPattern {
		return msg.Newf("a year such as 2026")
	}
	ps := make([]any, len(patterns))
	for i, p := range patterns {
		ps[i] = p
	}
	return msg.Newf("a key matching %s", orList(ps))
}

// suggest returns the allowed name closest to got, if it is close enough to be a likely typo.
// A name whose length differs from got's by more than two is at least that far from it, and is
// not compared: the edit distance costs the product of the lengths, and got may be megabytes.
func suggest(got string, allowed []string) string {
	best, bestDist := "", 3
	n := utf8.RuneCountInString(got)
	for _, a := range allowed {
		if d := n - utf8.RuneCountInString(a); d > 2 || d < -2 {
			continue
		}
		if dist := levenshtein(got, a); dist < bestDist || (dist == bestDist && best == "") && dist <= 2 {
			best, bestDist = a, dist
		}
	}
	if best == "" || bestDist > max(1, len(got)/3) {
		return ""
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func dedupe(ds diag.List) diag.List {
	seen := map[string]bool{}
	out := ds[:0]
	for _, d := range ds {
		k := d.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
