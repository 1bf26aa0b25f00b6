// Package format writes budget's data files in their one canonical layout: keys in the order
// the schema lists them, years in ascending order, two-space indentation, one amount a line,
// numbers in one spelling, long text folded at a fixed width, and every comment where it was.
// It changes how a file looks, never what it says: the result is parsed again and compared
// with the input, value by value and comment by comment, before it is returned.
package format

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/budget-ledger/budget/pkg/proposal"
	"go.yaml.in/yaml/v3"
)

// Width is the column text is folded at.
const Width = 100

// Source formats one data file. kind is the file's kind as ledger.KindOf names it
// ("proposal", "crosscutting" or "catalog"). A file that does not parse cleanly (YAML syntax,
// duplicate keys, aliases, numbers that are not exact) is refused with its diagnostics and
// nil: fmt never guesses at what a broken file meant.
func Source(file, kind string, src []byte) ([]byte, diag.List) {
	return SourceLimited(file, kind, src, proposal.DefaultLimits)
}

// SourceLimited is Source within limits other than the defaults (nesting depth, file size).
func SourceLimited(file, kind string, src []byte, lim proposal.Limits) ([]byte, diag.List) {
	doc, s, ds := parse(file, kind, src, lim)
	if doc == nil {
		return nil, ds
	}
	out, err := checked(doc, s, lim)
	if err != nil {
		ds.Errorf(diag.Pos{File: file, Line: 1, Column: 1}, "", "fmt",
			"formatting would change the file's content (%v); the file is left as it is: please report this", err)
		return nil, ds
	}
	return out, nil
}

// parse parses a file to format and finds the shape of its kind; nil and the diagnostics
// where it does not parse cleanly.
func parse(file, kind string, src []byte, lim proposal.Limits) (*proposal.Parsed, *shape, diag.List) {
	doc, ds := proposal.ParseLimited(file, src, lim)
	if doc == nil || ds.HasErrors() {
		return nil, nil, ds.Errors()
	}
	shapes, err := shapes()
	if err != nil {
		ds.Errorf(diag.Pos{File: file}, "", "fmt", "reading the schemas: %v", err)
		return nil, nil, ds
	}
	return doc, shapes[kind], nil
}

// checked lays doc out and returns it once it reads back as doc's values and comments.
func checked(doc *proposal.Parsed, s *shape, lim proposal.Limits) ([]byte, error) {
	out := layout(doc, s)
	if err := same(doc, out, lim); err != nil {
		return nil, err
	}
	return out, nil
}

// layout writes a parsed file's tree in the canonical layout; s is the shape of its kind.
func layout(doc *proposal.Parsed, s *shape) []byte {
	// A file written as a flow mapping ({...}) has its head and line comments on the mapping
	// rather than on the document or the first key.
	root, top := doc.Tree, doc.Root
	p := &printer{}
	p.comment(root.HeadComment, 0)
	p.comment(top.HeadComment, 0)
	if root.HeadComment != "" || top.HeadComment != "" {
		p.blank()
	}
	if len(top.Content) == 0 {
		p.buf.WriteString("{}") // an empty file would not be a mapping any more
		p.lineComment(top)
	} else {
		p.comment(top.LineComment, 0)
		p.mapping(top, s, 0, true)
	}
	for _, foot := range []string{top.FootComment, root.FootComment} {
		if foot != "" {
			// After the last entry's own foot comment no empty line: read again, the two are one
			// foot comment of the file, which is written without one (a FuzzFormat find).
			if !p.endsWithTopComment() {
				p.blank()
			}
			p.comment(foot, 0)
		}
	}
	return p.buf.Bytes()
}

// same checks that formatted text holds exactly the values and comments of the original.
func same(orig *proposal.Parsed, out []byte, lim proposal.Limits) error {
	// The canonical layout of a file near the size limit can be a little larger (indentation
	// of folded text): the limit bounds what is read, not what fmt writes from it.
	lim.MaxFileSize = max(lim.MaxFileSize, int64(len(out)))
	doc, ds := proposal.ParseLimited(orig.File, out, lim)
	if doc == nil || ds.HasErrors() {
		return msg.Errorf("the result does not parse")
	}
	if !sameValue(orig.Value(), doc.Value()) {
		return msg.Errorf("a value differs")
	}
	if a, b := comments(orig.Tree), comments(doc.Tree); !slices.Equal(a, b) {
		return msg.Errorf("comments differ: %d before, %d after", len(a), len(b))
	}
	return nil
}

// sameValue reports whether two parsed values are equal, numbers compared as fmt spells them
// (12.50 and 12.5 are the same). It walks both once, without the record of every list and
// mapping visited that reflect.DeepEqual keeps, which cost a file of deeply nested lists seconds.
func sameValue(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, x := range a {
			if y, ok := b[k]; !ok || !sameValue(x, y) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !sameValue(a[i], b[i]) {
				return false
			}
		}
		return true
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, _ := proposal.CanonicalNumber(a.String())
		y, _ := proposal.CanonicalNumber(b.String())
		return x == y
	case string:
		b, ok := b.(string)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	case nil:
		return b == nil
	}
	return reflect.DeepEqual(a, b)
}

// comments lists the text of every comment of a parsed file.
func comments(root *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment} {
			out = append(out, commentLines(c)...)
		}
		for _, c := range n.Content {
			walk(c)
		}
		out = append(out, commentLines(n.FootComment)...)
	}
	walk(root)
	slices.Sort(out) // yaml may attach a comment to a neighbouring node on the second read
	return out
}

func commentLines(c string) []string {
	var out []string
	for l := range strings.SplitSeq(c, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// printer writes the canonical text.
type printer struct {
	buf bytes.Buffer
}

func (p *printer) indent(n int) { p.buf.WriteString(strings.Repeat(" ", n)) }

// endsWithTopComment reports whether the last line written is a comment at the left margin: a
// text's lines, which could start with "#" too, are indented.
func (p *printer) endsWithTopComment() bool {
	b := bytes.TrimSuffix(p.buf.Bytes(), []byte("\n"))
	return bytes.HasPrefix(b[bytes.LastIndexByte(b, '\n')+1:], []byte("#"))
}

// blank writes an empty line, never two in a row and never at the top.
func (p *printer) blank() {
	b := p.buf.Bytes()
	if len(b) == 0 || bytes.HasSuffix(b, []byte("\n\n")) {
		return
	}
	p.buf.WriteByte('\n')
}

// comment writes a head or foot comment's lines at column n.
func (p *printer) comment(c string, n int) {
	for _, l := range commentLines(c) {
		p.indent(n)
		p.buf.WriteString(l)
		p.buf.WriteByte('\n')
	}
}

// lineComment ends a line with the comments yaml attached to the nodes on it.
func (p *printer) lineComment(nodes ...*yaml.Node) {
	for _, n := range nodes {
		for _, l := range commentLines(n.LineComment) {
			p.buf.WriteString(" " + l)
		}
	}
	p.buf.WriteByte('\n')
}

type pair struct{ k, v *yaml.Node }

// pairs returns a mapping's entries in canonical order: the keys the schema names in its order,
// then the others as they were; a mapping keyed by years runs from the first year to the last.
func pairs(n *yaml.Node, s *shape) []pair {
	ps := make([]pair, 0, len(n.Content)/2)
	years := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		ps = append(ps, pair{n.Content[i], n.Content[i+1]})
		if _, err := strconv.Atoi(n.Content[i].Value); err != nil {
			years = false
		}
	}
	if years {
		slices.SortStableFunc(ps, func(a, b pair) int {
			x, _ := strconv.Atoi(a.k.Value)
			y, _ := strconv.Atoi(b.k.Value)
			return x - y
		})
		return ps
	}
	slices.SortStableFunc(ps, func(a, b pair) int {
		x, y := s.rank(a.k.Value), s.rank(b.k.Value)
		switch {
		case x < 0 && y < 0:
			return 0
		case x < 0:
			return 1
		case y < 0:
			return -1
		}
		return x - y
	})
	return ps
}

// mapping writes a block mapping at column n. top is the file's own mapping, whose sections are
// set apart by an empty line. inline means the first key follows a "- " already written.
func (p *printer) mapping(n *yaml.Node, s *shape, col int, top bool) {
	p.entries(n, s, col, top, false)
}

func (p *printer) entries(n *yaml.Node, s *shape, col int, top, inline bool) {
	var prev *yaml.Node
	// At the top, a comment under an entry is written above the next one, set apart by an empty
	// line (under the last, as the file's foot): read back, yaml puts a comment right under a
	// top-level entry with a line comment of its own above the next key, or at the file's foot,
	// and a second run would move it again.
	var foot []string
	for i, e := range pairs(n, s) {
		if top && prev != nil && (foot != nil || e.k.HeadComment != "" || e.v.HeadComment != "" || isBlock(prev) || isBlock(e.v)) {
			p.blank()
		}
		for _, c := range foot {
			p.comment(c, col)
		}
		foot = nil
		prev = e.v
		if i > 0 || !inline {
			p.comment(e.k.HeadComment, col)
			p.comment(e.v.HeadComment, col)
			p.indent(col)
		}
		key := scalarText(e.k, 0, 0) // Parse took only text and years as keys: no respelling
		p.buf.WriteString(key + ":")
		p.value(e.v, s.key(e.k.Value), col, utf8.RuneCountInString(key)+1, e.k)
		if top && e.k.FootComment+e.v.FootComment != "" {
			foot = []string{e.k.FootComment, e.v.FootComment}
			continue
		}
		p.comment(e.k.FootComment, col)
		p.comment(e.v.FootComment, col)
	}
	if foot != nil {
		p.blank()
		for _, c := range foot {
			p.comment(c, col)
		}
	}
}

// isBlock tells whether a value is written over several lines as a collection.
func isBlock(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0 && !isFlowList(n, 0)
}

// value writes the value after "key:" (or after "-" in a list), then its line's end. col is the
// column of the key, used is how many columns "key:" or "-" took.
func (p *printer) value(v *yaml.Node, s *shape, col, used int, key *yaml.Node) {
	switch v.Kind {
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			p.buf.WriteString(" {}")
			p.lineComment(key, v)
			return
		}
		p.lineComment(key, v)
		p.mapping(v, s, col+2, false)
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			p.buf.WriteString(" []")
			p.lineComment(key, v)
			return
		}
		if isFlowList(v, col+used+1) {
			items := make([]string, len(v.Content))
			for i, c := range v.Content {
				items[i] = scalarText(c, 0, 0)
			}
			p.buf.WriteString(" [" + strings.Join(items, ", ") + "]")
			p.lineComment(key, v)
			return
		}
		p.lineComment(key, v)
		p.sequence(v, s, col+2)
	default:
		text := scalarText(v, col+used+1, col+2)
		if body, ok := strings.CutPrefix(text, ">-\n"); ok {
			p.buf.WriteString(" >-")
			p.lineComment(key, v)
			p.buf.WriteString(body)
			return
		}
		p.buf.WriteString(" " + text)
		p.lineComment(key, v)
	}
}

// sequence writes a block list at column col.
func (p *printer) sequence(n *yaml.Node, s *shape, col int) {
	for _, item := range n.Content {
		p.comment(item.HeadComment, col)
		if item.Kind == yaml.MappingNode && len(item.Content) > 0 {
			first := pairs(item, s.item())[0]
			p.comment(first.k.HeadComment, col)
			p.comment(first.v.HeadComment, col)
			p.indent(col)
			p.buf.WriteString("- ")
			p.entries(item, s.item(), col+2, false, true)
		} else {
			p.indent(col)
			p.buf.WriteString("-")
			p.value(item, s.item(), col, 1, &yaml.Node{})
		}
		p.comment(item.FootComment, col)
	}
}

// isFlowList tells whether a list is written on one line, [2025, 2026]: a list of numbers
// (the years of a table) that fits the width when it starts at column start. Lists of text stay
// one item a line, so that a diff shows the item that changed.
func isFlowList(n *yaml.Node, start int) bool {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return false
	}
	width := start
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Style != 0 || (c.ShortTag() != "!!int" && c.ShortTag() != "!!float") ||
			c.HeadComment != "" || c.LineComment != "" || c.FootComment != "" {
			return false
		}
		t := scalarText(c, 0, 0)
		width += utf8.RuneCountInString(t) + 2
	}
	return width <= Width
}

// scalarText spells a scalar: numbers in their canonical spelling, null and booleans in lower
// case, text plain where YAML allows and quoted where it must be. Text that would run past
// the width when it starts at column start, or holds line breaks, is folded: ">-" and a line
// break, then its lines at column indent. indent 0 never folds (keys, list items in brackets).
func scalarText(n *yaml.Node, start, indent int) string {
	switch n.ShortTag() {
	case "!!null":
		if n.Style == 0 {
			return "null"
		}
	case "!!bool":
		if n.Style == 0 {
			return strings.ToLower(n.Value)
		}
	case "!!int", "!!float":
		if n.Style == 0 {
			s, _ := proposal.CanonicalNumber(n.Value)
			return s
		}
	}
	if n.Style == 0 && n.ShortTag() != "!!str" {
		return n.Value // a tag fmt does not know: as written
	}
	if indent > 0 {
		if f, ok := folded(n.Value, start, indent); ok {
			return f
		}
	}
	return quoted(n.Value)
}

// plainText tells, without asking the YAML encoder, that s can be written plain: it starts
// with a letter, holds only letters, digits, spaces and harmless punctuation, ends with no
// space, and is none of the words YAML reads as a boolean or null. Most text is like that; the
// rest goes to the encoder, which is much slower.
func plainText(s string) bool {
	for i, r := range s {
		switch {
		case i == 0 && !unicode.IsLetter(r):
			return false
		case unicode.IsLetter(r), unicode.IsDigit(r), r == ' ' && i > 0:
		case strings.ContainsRune(".,;()/-+%?!'", r):
		default:
			return false
		}
	}
	if s == "" || strings.HasSuffix(s, " ") {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// quoted is YAML's own spelling of a string on one line: plain where that reads back as the
// same string, double-quoted otherwise.
func quoted(s string) string {
	if plainText(s) {
		return s
	}
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	style := yaml.Style(0)
	if strings.ContainsAny(s, "\n\r") || proposal.NumberLike(s) { // yaml would write 0B2 plain
		style = yaml.DoubleQuotedStyle
	}
	if err := e.Encode(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: style}); err != nil {
		return strconv.Quote(s)
	}
	_ = e.Close()
	out := strings.TrimSuffix(b.String(), "\n")
	if strings.Contains(out, "\n") { // yaml chose a block style after all
		return strconv.Quote(s)
	}
	return out
}

// folded writes s as a folded block scalar (">-") whose lines at column indent end before
// Width, when s needs it (too long for one line from column start, or several paragraphs) and
// folding can say exactly s: text whose paragraphs start and end with a printable non-space.
func folded(s string, start, indent int) (string, bool) {
	if !strings.Contains(s, "\n") && start+utf8.RuneCountInString(quoted(s)) <= Width {
		return "", false
	}
	if s == "" || strings.HasPrefix(s, "\n") || strings.HasSuffix(s, "\n") {
		return "", false
	}
	for _, r := range s {
		if r != '\n' && !unicode.IsPrint(r) { // tabs, CR, no-break and zero-width spaces included
			return "", false
		}
	}
	var b strings.Builder
	b.WriteString(">-\n")
	for i, para := range strings.Split(s, "\n") {
		if para != "" && (para[0] == ' ' || para[len(para)-1] == ' ') {
			return "", false
		}
		if i > 0 && para == "" {
			b.WriteString("\n")
			continue
		}
		if i > 0 {
			b.WriteString("\n")
		}
		for _, l := range wrap(para, Width-indent) {
			b.WriteString(strings.Repeat(" ", indent) + l + "\n")
		}
	}
	return b.String(), true
}

// wrap breaks a paragraph into lines of at most width runes at single spaces, so that folding
// them again gives the paragraph back; a word longer than width gets a line of its own.
func wrap(para string, width int) []string {
	var lines []string
	start, lastBreak, runes := 0, -1, 0
	for i, r := range para {
		if r == ' ' && i > start && para[i-1] != ' ' && i+1 < len(para) && para[i+1] != ' ' {
			if runes > width && lastBreak > start {
				lines = append(lines, para[start:lastBreak])
				start = lastBreak + 1
				runes = utf8.RuneCountInString(para[start:i])
			}
			lastBreak = i
		}
		runes++
	}
	if runes > width && lastBreak > start {
		lines = append(lines, para[start:lastBreak])
		start = lastBreak + 1
	}
	return append(lines, para[start:])
}
