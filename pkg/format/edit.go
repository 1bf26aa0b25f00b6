package format

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/proposal"
	"go.yaml.in/yaml/v3"
)

// Edits are changes to a data file's values, made in its YAML tree so that everything else of
// the file (every comment, every other value) stays as it was: budget catalog sync writes the
// catalog's figures with them.
type Edits struct {
	// Insert are list items to add, each an empty mapping, in order: a dotted document path
	// whose last part is the index the item takes (at most the list's length; the items from
	// there on move down one). Missing mappings on the way, and the list, are made.
	Insert []string
	// Set are scalars to write, after the insertions.
	Set []Setting
}

// Setting is one scalar an edit writes: at Path (a dotted document path, proposal.Join's), a
// number's text ("-992", "62.2"), "null", or with Text a text. Missing mappings on the way are
// made; a scalar already there keeps its comments.
type Setting struct {
	Path  string
	Value string
	Text  bool
}

// Edited makes the edits in the file and returns it in the canonical layout, as Source would
// format it. The result is read back and checked, as Source checks its own: it must hold the
// file's values with exactly the edits made, and every comment of the file. A file that does
// not parse cleanly, or an edit that runs through a scalar or past a list's end, is refused
// with a diagnostic and nil.
func Edited(file, kind string, src []byte, lim proposal.Limits, e Edits) ([]byte, diag.List) {
	doc, shape, ds := parse(file, kind, src, lim)
	if doc == nil {
		return nil, ds
	}
	// The tree and the values are edited alike: the values are what the result must read as.
	value := doc.Value()
	var err error
	for _, p := range e.Insert {
		if value, err = insert(doc.Root, value, strings.Split(p, ".")); err != nil {
			return nil, refused(file, p, err)
		}
	}
	for _, s := range e.Set {
		if value, err = set(doc.Root, value, strings.Split(s.Path, "."), s); err != nil {
			return nil, refused(file, s.Path, err)
		}
	}
	doc.SetValue(value)
	out, err := checked(doc, shape, lim)
	if err != nil {
		ds.Errorf(diag.Pos{File: file, Line: 1, Column: 1}, "", "fmt",
			"writing the figures would change more of the file (%v); the file is left as it is: please report this", err)
		return nil, ds
	}
	return out, nil
}

func refused(file, path string, err error) diag.List {
	var ds diag.List
	ds.Errorf(diag.Pos{File: file}, path, "fmt", "cannot write %s: %v; the file is left as it is", diag.Clip(path), err)
	return ds
}

// set writes s at segs below n, whose value is v, and returns v as it is then.
func set(n *yaml.Node, v any, segs []string, s Setting) (any, error) {
	if len(segs) == 0 {
		if n.Kind != 0 && n.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("it holds a %s, not a figure", kindWord(n))
		}
		n.Kind, n.Style, n.Value = yaml.ScalarNode, 0, s.Value
		switch {
		case s.Text:
			n.Tag = "!!str"
			return s.Value, nil
		case s.Value == "null":
			n.Tag = "!!null"
			return nil, nil
		case strings.ContainsAny(s.Value, ".eE"):
			n.Tag = "!!float"
		default:
			n.Tag = "!!int"
		}
		return json.Number(s.Value), nil
	}
	child, cv, put, err := enter(n, v, segs[0])
	if err != nil {
		return nil, err
	}
	nv, err := set(child, cv, segs[1:], s)
	if err != nil {
		return nil, err
	}
	return put(nv), nil
}

// insert adds an empty mapping to the list at segs[:len-1] below n, at the index segs ends with.
func insert(n *yaml.Node, v any, segs []string) (any, error) {
	if len(segs) == 1 {
		i, err := strconv.Atoi(segs[0])
		if isNull(n) {
			n.Kind, n.Tag, n.Value, v = yaml.SequenceNode, "!!seq", "", []any{}
		}
		l, ok := v.([]any)
		switch {
		case n.Kind != yaml.SequenceNode || !ok:
			return nil, fmt.Errorf("it is a %s, not a list", kindWord(n))
		case err != nil || i < 0 || i > len(l) || i > len(n.Content):
			return nil, fmt.Errorf("%q is not an index of a list of %d", segs[0], len(l))
		}
		item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		n.Content = append(n.Content[:i], append([]*yaml.Node{item}, n.Content[i:]...)...)
		return append(l[:i], append([]any{map[string]any{}}, l[i:]...)...), nil
	}
	child, cv, put, err := enter(n, v, segs[0])
	if err != nil {
		return nil, err
	}
	nv, err := insert(child, cv, segs[1:])
	if err != nil {
		return nil, err
	}
	return put(nv), nil
}

// enter finds the entry seg of the mapping or list n (value v), making a missing mapping entry
// empty, and returns it with its value and a function that puts a new value of it into v and
// returns v. An empty n becomes a mapping.
func enter(n *yaml.Node, v any, seg string) (*yaml.Node, any, func(any) any, error) {
	if isNull(n) {
		n.Kind, n.Tag, n.Value, v = yaml.MappingNode, "!!map", "", map[string]any{}
	}
	switch n.Kind {
	case yaml.MappingNode:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil, nil, fmt.Errorf("the values and the tree of %s disagree", seg)
		}
		put := func(x any) any { m[seg] = x; return m }
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == seg {
				return n.Content[i+1], m[seg], put, nil
			}
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg}
		if _, err := strconv.Atoi(seg); err == nil {
			key.Tag = "!!int" // a year
		}
		child := &yaml.Node{} // a mapping, a list or a scalar, as the edit goes on
		n.Content = append(n.Content, key, child)
		return child, nil, put, nil
	case yaml.SequenceNode:
		l, ok := v.([]any)
		i, err := strconv.Atoi(seg)
		if !ok || err != nil || i < 0 || i >= len(l) || i >= len(n.Content) {
			return nil, nil, nil, fmt.Errorf("%q is not an index of a list of %d", seg, len(n.Content))
		}
		return n.Content[i], l[i], func(x any) any { l[i] = x; return l }, nil
	}
	return nil, nil, nil, fmt.Errorf("%s is a %s, not a mapping or a list", diag.Quote(seg), kindWord(n))
}

// isNull tells whether n is an empty value (no node yet, or null) that an edit may fill.
func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func kindWord(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "scalar"
}
