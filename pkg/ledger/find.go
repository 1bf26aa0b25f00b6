package ledger

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/budget-ledger/budget/pkg/msg"
)

// FindSheet finds the proposal ref names and lays it out. A number is a proposal's number.
// Anything else is a title, a cross-cutting proposal's id, or the file's name without its
// number and .yaml (vikardaekning-dagtilbud), or a unique beginning of any of these: case does
// not matter, and a run of spaces is one space (in a file name, a space stands for its "-").
// A name that is one proposal's whole title, id or file name wins over beginnings of others'.
func (l *Ledger) FindSheet(ref string) (Sheet, error) {
	ref = strings.TrimSpace(ref)
	if n, err := strconv.Atoi(ref); err == nil {
		for _, p := range l.Proposals {
			if p.Number == n {
				return l.Sheet(p), nil
			}
		}
		return Sheet{}, msg.Errorf("no proposal number %d: the ledger has %s", n, l.numberSpan())
	}
	want := FoldName(ref)
	var whole, begun []candidate
	for _, c := range l.candidates() {
		w, b := c.matches(want)
		switch {
		case w:
			whole = append(whole, c)
		case b:
			begun = append(begun, c)
		}
	}
	if len(whole) == 0 {
		whole = begun
	}
	switch {
	case len(whole) == 1:
		return whole[0].sheet(l), nil
	case len(whole) > 1:
		return Sheet{}, msg.Errorf("%q names %d proposals: %s; give more of the title, or the number", ref, len(whole), listCandidates(whole))
	}
	var ids []string
	for _, x := range l.CrossCutting {
		ids = append(ids, x.ID)
	}
	if len(ids) == 0 {
		return Sheet{}, msg.Errorf("%q names no proposal: give a number (%s), or a title or file name or the beginning of one", ref, l.numberSpan())
	}
	return Sheet{}, msg.Errorf("%q names no proposal: give a number (%s), a cross-cutting id (%s), or a title or file name or the beginning of one",
		ref, l.numberSpan(), strings.Join(ids, ", "))
}

// candidate is a proposal as FindSheet looks it up: its label in a message, and the folded
// names that find it.
type candidate struct {
	label  string
	names  []string
	number int // 0 for a cross-cutting proposal
	index  int
}

func (c candidate) sheet(l *Ledger) Sheet {
	if c.number == 0 {
		return l.CrossCuttingSheet(l.CrossCutting[c.index])
	}
	return l.Sheet(l.Proposals[c.index])
}

// matches reports whether want is one of c's names whole, or begins one.
func (c candidate) matches(want string) (whole, begins bool) {
	if want == "" {
		return false, false
	}
	slug := strings.ReplaceAll(want, " ", "-")
	for i, n := range c.names {
		w := want
		if i > 0 { // the id and the file name have "-" where a title has spaces
			w = slug
		}
		whole = whole || n == w
		begins = begins || strings.HasPrefix(n, w)
	}
	return whole, begins
}

// candidates are the ledger's proposals, numbered ones first: title, then file name; a
// cross-cutting proposal's title, then id and file name.
func (l *Ledger) candidates() []candidate {
	out := make([]candidate, 0, len(l.Proposals)+len(l.CrossCutting))
	for i, p := range l.Proposals {
		c := candidate{label: fmt.Sprintf("%d %q", p.Number, p.Title), number: p.Number, index: i, names: []string{FoldName(p.Title)}}
		if p.Doc != nil {
			c.names = append(c.names, FileSlug(p.Doc.File))
		}
		out = append(out, c)
	}
	for i, x := range l.CrossCutting {
		c := candidate{label: fmt.Sprintf("%s %q", x.ID, x.Title), index: i, names: []string{FoldName(x.Title), FoldName(x.ID)}}
		if x.Doc != nil {
			c.names = append(c.names, FileSlug(x.Doc.File))
		}
		out = append(out, c)
	}
	return out
}

// FoldName is a name (a title, an id) as a reader compares it, and FindSheet and budget new's
// check of titles do: lower case, each run of white space one space.
func FoldName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// FileSlug is a data file's name without its folder, its proposal number and .yaml:
// proposals/buu/05-vikardaekning-dagtilbud.yaml is vikardaekning-dagtilbud.
func FileSlug(file string) string {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if rest := strings.TrimLeftFunc(base, unicode.IsDigit); rest != base && strings.HasPrefix(rest, "-") {
		base = rest[1:]
	}
	return strings.ToLower(base)
}

// listCandidates lists the proposals a name fits, at most ten of them and then how many more.
func listCandidates(cs []candidate) msg.Text {
	const most = 10
	var labels []string
	for i, c := range cs {
		if i == most {
			return msg.Newf("%s, and %d more", strings.Join(labels, ", "), len(cs)-most)
		}
		labels = append(labels, c.label)
	}
	return msg.Newf("%s", strings.Join(labels, ", "))
}
