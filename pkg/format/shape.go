package format

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/budget-ledger/budget/schema"
)

// shape is the key order the schema gives one mapping of a data file, and the shapes below it.
// The schema is the one place that says in which order a file reads, so fmt takes the order
// from it instead of keeping a second list. A nil *shape knows no keys: such a mapping keeps
// its file order.
type shape struct {
	order []string
	props map[string]*shape
	items *shape // of a list's items
	rest  *shape // of keys the mapping does not name (additionalProperties)
}

// key returns the shape of the value at key k, or nil.
func (s *shape) key(k string) *shape {
	if s == nil {
		return nil
	}
	if c, ok := s.props[k]; ok {
		return c
	}
	return s.rest
}

// item returns the shape of a list's items, or nil.
func (s *shape) item() *shape {
	if s == nil {
		return nil
	}
	return s.items
}

// rank is k's place in the schema's order, or -1 when the schema does not name it.
func (s *shape) rank(k string) int {
	if s == nil {
		return -1
	}
	for i, o := range s.order {
		if o == k {
			return i
		}
	}
	return -1
}

// schemaNode is the part of a JSON Schema that says where keys go.
type schemaNode struct {
	Ref        string                 `json:"$ref"`
	Properties orderedSchemas         `json:"properties"`
	Items      *schemaNode            `json:"items"`
	Additional json.RawMessage        `json:"additionalProperties"`
	AnyOf      []*schemaNode          `json:"anyOf"`
	OneOf      []*schemaNode          `json:"oneOf"`
	AllOf      []*schemaNode          `json:"allOf"`
	Defs       map[string]*schemaNode `json:"$defs"`
}

// orderedSchemas is a "properties" object read with its keys in file order, which
// encoding/json's maps would lose.
type orderedSchemas struct {
	keys []string
	m    map[string]*schemaNode
}

func (o *orderedSchemas) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return err
	}
	o.m = map[string]*schemaNode{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		k, _ := t.(string)
		var n schemaNode
		if err := dec.Decode(&n); err != nil {
			return err
		}
		o.keys = append(o.keys, k)
		o.m[k] = &n
	}
	return nil
}

// shapes builds the shape of every kind of data file from the embedded schemas, once.
var shapes = sync.OnceValues(func() (map[string]*shape, error) {
	files := map[string]*schemaNode{}
	for _, name := range schema.Names {
		b, err := schema.Files.ReadFile(name + ".schema.json")
		if err != nil {
			return nil, err
		}
		var n schemaNode
		if err := json.Unmarshal(b, &n); err != nil {
			return nil, fmt.Errorf("%s.schema.json: %w", name, err)
		}
		files[name+".schema.json"] = &n
	}
	b := &shapeBuilder{files: files}
	out := map[string]*shape{}
	for _, kind := range []string{"proposal", "crosscutting", "catalog"} {
		s, err := b.build(files[kind+".schema.json"], kind+".schema.json", 0)
		if err != nil {
			return nil, err
		}
		out[kind] = s
	}
	return out, nil
})

type shapeBuilder struct{ files map[string]*schemaNode }

// build turns a schema node into a shape, following $ref and merging the alternatives of
// anyOf/oneOf/allOf. The depth bound keeps a recursive schema from looping.
func (b *shapeBuilder) build(n *schemaNode, file string, depth int) (*shape, error) {
	if n == nil {
		return nil, nil
	}
	if depth > 64 {
		return nil, fmt.Errorf("%s: schema nests deeper than 64 levels", file)
	}
	if n.Ref != "" {
		target, tfile, err := b.resolve(n.Ref, file)
		if err != nil {
			return nil, err
		}
		return b.build(target, tfile, depth+1)
	}
	s := &shape{props: map[string]*shape{}}
	for _, k := range n.Properties.keys {
		c, err := b.build(n.Properties.m[k], file, depth+1)
		if err != nil {
			return nil, err
		}
		s.order = append(s.order, k)
		s.props[k] = c
	}
	var err error
	if s.items, err = b.build(n.Items, file, depth+1); err != nil {
		return nil, err
	}
	if len(n.Additional) > 0 && n.Additional[0] == '{' {
		var a schemaNode
		if err := json.Unmarshal(n.Additional, &a); err != nil {
			return nil, err
		}
		if s.rest, err = b.build(&a, file, depth+1); err != nil {
			return nil, err
		}
	}
	for _, alts := range [][]*schemaNode{n.AllOf, n.AnyOf, n.OneOf} {
		for _, alt := range alts {
			c, err := b.build(alt, file, depth+1)
			if err != nil {
				return nil, err
			}
			s.merge(c)
		}
	}
	return s, nil
}

// merge adds the keys of o that s does not name yet, after its own.
func (s *shape) merge(o *shape) {
	if o == nil {
		return
	}
	for _, k := range o.order {
		if _, ok := s.props[k]; !ok {
			s.order = append(s.order, k)
			s.props[k] = o.props[k]
		}
	}
	if s.items == nil {
		s.items = o.items
	}
	if s.rest == nil {
		s.rest = o.rest
	}
}

// resolve finds a "$ref" such as "defs.schema.json#/$defs/amounts" or "#/$defs/yearAmount".
func (b *shapeBuilder) resolve(ref, file string) (*schemaNode, string, error) {
	target, ptr, _ := strings.Cut(ref, "#")
	if target == "" {
		target = file
	}
	n := b.files[target]
	name, ok := strings.CutPrefix(ptr, "/$defs/")
	if n == nil || !ok || n.Defs[name] == nil {
		return nil, "", fmt.Errorf("%s: cannot resolve $ref %q", file, ref)
	}
	return n.Defs[name], target, nil
}
