// Command gen writes pkg/proposal/schemafast_gen.go: a validator generated from the embedded JSON
// Schemas (schema/*.schema.json) that gives the verdict, valid or not, on a file's JSON values
// (map[string]any, []any, json.Number, string, bool, nil) without the jsonschema library; and
// pkg/proposal/schemafastnode_gen.go, the same validator over the file's YAML node tree, for a
// tree that means exactly what its values mean (the converter reported no error in it).
//
// It implements exactly the keywords our schemas use, with santhosh-tekuri/jsonschema v6's
// semantics for draft 2020-12, and refuses a schema with any other keyword: a schema change
// cannot silently weaken the check. Run it with `go generate ./pkg/proposal`.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/schema"
)

func main() {
	out := flag.String("o", "schemafast_gen.go", "the file to write, the validator over JSON values")
	nodeOut := flag.String("node", "schemafastnode_gen.go", "the file to write, the validator over the node tree")
	flag.Parse()
	if err := run(*out, *nodeOut); err != nil {
		fmt.Fprintln(os.Stderr, "schema/gen:", err)
		os.Exit(1)
	}
}

func run(out, nodeOut string) error {
	docs := map[string]any{}
	for _, name := range schema.Names {
		data, err := schema.Files.ReadFile(name + ".schema.json")
		if err != nil {
			return err
		}
		docs[name+".schema.json"] = nil
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("%s.schema.json: %w", name, err)
		}
		docs[name+".schema.json"] = doc
	}
	src, err := Generate(schema.Names, docs)
	if err != nil {
		return err
	}
	nodeSrc, err := GenerateNode(schema.Names, docs)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	return os.WriteFile(nodeOut, nodeSrc, 0o644)
}

// Draft is the one dialect the generated code implements.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// annotations are keywords that assert nothing: the verdict does not depend on them.
var annotations = map[string]bool{"title": true, "description": true, "default": true, "$comment": true, "examples": true}

// implemented are the assertion and applicator keywords the generated code checks; any other
// keyword makes Generate fail.
var implemented = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true,
	"type": true, "const": true, "enum": true, "anyOf": true,
	"required": true, "properties": true, "patternProperties": true, "additionalProperties": true,
	"items": true, "minItems": true, "uniqueItems": true,
	"minLength": true, "pattern": true,
	"minimum": true, "maximum": true,
}

type gen struct {
	docs     map[string]any // by file name, which is also each schema's $id
	names    map[string]string
	byName   map[string]string
	byKey    map[string]string // a schema's JSON text (and file, if it has a $ref): the function that checks it
	queue    []string
	funcs    bytes.Buffer
	patterns []string // the regexps, in order of first use
	// node is set for the validator over the node tree: each function takes a *yaml.Node, and
	// the patterns are the values' validator's (the same schemas walked alike use them alike).
	onNodes bool
}

// pick is the text for the values' validator, or for the node tree's.
func (g *gen) pick(values, node string) string {
	if g.onNodes {
		return node
	}
	return values
}

// Generate returns the Go source of the validator for the schemas named roots (each
// <name>.schema.json in docs, decoded with json.Number numbers).
func Generate(roots []string, docs map[string]any) ([]byte, error) {
	src, _, err := generate(roots, docs, false)
	return src, err
}

// GenerateNode returns the Go source of the same validator over the YAML node tree. It uses the
// patterns the values' validator declares, which must be the same, in the same order.
func GenerateNode(roots []string, docs map[string]any) ([]byte, error) {
	_, want, err := generate(roots, docs, false)
	if err != nil {
		return nil, err
	}
	src, got, err := generate(roots, docs, true)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(got, want) {
		return nil, fmt.Errorf("the node tree's validator uses the patterns %q, the values' %q", got, want)
	}
	return src, nil
}

func generate(roots []string, docs map[string]any, node bool) ([]byte, []string, error) {
	g := &gen{docs: docs, names: map[string]string{}, byName: map[string]string{}, byKey: map[string]string{}, onNodes: node}
	var sw bytes.Buffer
	for _, r := range roots {
		file := r + ".schema.json"
		doc, ok := docs[file].(map[string]any)
		if !ok {
			return nil, nil, fmt.Errorf("%s: not a schema object", file)
		}
		if d, _ := doc["$schema"].(string); d != Draft {
			return nil, nil, fmt.Errorf("%s: $schema is %q; the generator implements %s only", file, d, Draft)
		}
		if id, _ := doc["$id"].(string); id != file {
			return nil, nil, fmt.Errorf("%s: $id is %q, want the file's name", file, id)
		}
		fn, err := g.fn(file + "#")
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(&sw, "\tcase %q:\n\t\treturn %s(v)\n", r, fn)
	}
	for len(g.queue) > 0 {
		loc := g.queue[0]
		g.queue = g.queue[1:]
		if err := g.emit(loc); err != nil {
			return nil, nil, err
		}
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by schema/gen from schema/*.schema.json; DO NOT EDIT.\n\n")
	if node {
		b.WriteString("package proposal\n\nimport (\n\t\"encoding/json\"\n\t\"unicode/utf8\"\n\n\t\"go.yaml.in/yaml/v3\"\n)\n\n")
		b.WriteString("// fastSchemaValidNode is fastSchemaValid on the node tree n stands for, where the converter\n")
		b.WriteString("// reported no error in it: each mapping's keys are then distinct scalars, no node is an alias,\n")
		b.WriteString("// and each scalar means what nodeKind says (TestSchemaVerdict holds the two to one verdict).\n")
		b.WriteString("// It uses the values' validator's patterns, schemaRe0 and on.\n")
		b.WriteString("func fastSchemaValidNode(name string, v *yaml.Node) bool {\n\tswitch name {\n")
	} else {
		b.WriteString("package proposal\n\nimport (\n\t\"encoding/json\"\n\t\"unicode/utf8\"\n)\n\n")
		b.WriteString("// fastSchemaValid reports whether v is valid against the named embedded schema, as jsonschema\n")
		b.WriteString("// would say; false also for a value of a Go type that Parsed.Value never holds, and for an\n")
		b.WriteString("// unknown name: jsonschema then decides.\n")
		b.WriteString("func fastSchemaValid(name string, v any) bool {\n\tswitch name {\n")
	}
	b.Write(sw.Bytes())
	b.WriteString("\t}\n\treturn false\n}\n\n")
	if !node {
		for i, p := range g.patterns {
			fmt.Fprintf(&b, "var schemaRe%d = lazyRegexp{expr: %q}\n", i, p)
		}
		b.WriteString("\n")
	}
	b.Write(g.funcs.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, nil, fmt.Errorf("generated code does not parse: %w", err)
	}
	return src, g.patterns, nil
}

// fn returns the name of the function that checks the schema at loc (file#pointer), queueing it.
func (g *gen) fn(loc string) (string, error) {
	return g.fnVia(loc, nil)
}

// fnVia is fn, following a schema that is only a $ref to its target's function; via are the
// locations followed so far.
func (g *gen) fnVia(loc string, via []string) (string, error) {
	if n, ok := g.names[loc]; ok {
		return n, nil
	}
	if slices.Contains(via, loc) {
		return "", fmt.Errorf("%s: a cycle of $ref: %s", loc, strings.Join(via, " -> "))
	}
	file, ptr, _ := strings.Cut(loc, "#")
	node, err := g.node(loc)
	if err != nil {
		return "", err
	}
	// A schema equal to one already named (in the same file if it holds a $ref, which means the
	// same only there) is checked by that one's function.
	text, err := json.Marshal(node)
	if err != nil {
		return "", err
	}
	key := string(text)
	if bytes.Contains(text, []byte(`"$ref"`)) {
		key = file + "\x00" + key
	}
	if n, ok := g.byKey[key]; ok {
		g.names[loc] = n
		return n, nil
	}
	{
		if m, ok := node.(map[string]any); ok {
			if r, ok := m["$ref"].(string); ok && onlyRef(m) {
				target, err := g.ref(file, r)
				if err != nil {
					return "", err
				}
				return g.fnVia(target, append(via, loc))
			}
		}
	}
	name := g.pick("schema", "node") + ident(strings.TrimSuffix(file, ".schema.json"), true)
	toks := pointerTokens(ptr)
	for i := 0; i < len(toks); i++ {
		switch t := toks[i]; t {
		case "properties", "$defs", "patternProperties", "anyOf":
			if i+1 == len(toks) {
				return "", fmt.Errorf("%s: a reference to %s itself", loc, t)
			}
			prefix := map[string]string{"properties": "_", "$defs": "_def_", "patternProperties": "_pattern_", "anyOf": "_any"}[t]
			name += prefix + ident(toks[i+1], false)
			i++
		case "items":
			name += "_items"
		case "additionalProperties":
			name += "_additional"
		default:
			return "", fmt.Errorf("%s: a schema under %q, which the generator does not implement", loc, t)
		}
	}
	if other, ok := g.byName[name]; ok {
		return "", fmt.Errorf("%s and %s would both be checked by %s", other, loc, name)
	}
	g.names[loc], g.byName[name] = name, loc
	g.byKey[key] = name
	g.queue = append(g.queue, loc)
	return name, nil
}

// onlyRef reports whether schema m asserts nothing but its $ref.
func onlyRef(m map[string]any) bool {
	for k := range m {
		if k != "$ref" && !annotations[k] {
			return false
		}
	}
	return true
}

func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

func escapeToken(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}

// ident makes text part of a Go identifier.
func ident(s string, upper bool) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_':
			if i == 0 && upper {
				r = []rune(strings.ToUpper(string(r)))[0]
			}
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "x%x", r)
		}
	}
	return b.String()
}

func (g *gen) node(loc string) (any, error) {
	file, ptr, _ := strings.Cut(loc, "#")
	n, ok := g.docs[file]
	if !ok {
		return nil, fmt.Errorf("%s: no schema file %s", loc, file)
	}
	for _, t := range pointerTokens(ptr) {
		switch x := n.(type) {
		case map[string]any:
			if n, ok = x[t]; !ok {
				return nil, fmt.Errorf("%s: not found", loc)
			}
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("%s: not found", loc)
			}
			n = x[i]
		default:
			return nil, fmt.Errorf("%s: not found", loc)
		}
	}
	return n, nil
}

// ref resolves a $ref of the schema file to a location.
func (g *gen) ref(file, ref string) (string, error) {
	target, frag, ok := strings.Cut(ref, "#")
	if !ok || (frag != "" && !strings.HasPrefix(frag, "/")) {
		return "", fmt.Errorf("%s: $ref %q is not a file with a JSON pointer; the generator implements only those", file, ref)
	}
	if target == "" {
		target = file
	}
	if _, ok := g.docs[target]; !ok {
		return "", fmt.Errorf("%s: $ref %q names no embedded schema", file, ref)
	}
	loc := target + "#" + frag
	if _, err := g.node(loc); err != nil {
		return "", err
	}
	return loc, nil
}

// kinds are the Go types of Parsed.Value, in the order the generated switch lists them, with the
// JSON type each is.
var kinds = []struct{ goType, jsonType string }{
	{"map[string]any", "object"}, {"[]any", "array"}, {"string", "string"}, {"json.Number", "number"}, {"bool", "boolean"}, {"nil", "null"},
}

// nodeKinds are the kinds' constants of pkg/proposal's nodeKind, in the order of kinds, and
// what a case of the node tree's validator declares as x for its checks (the values' x).
var nodeKinds = []struct{ kind, x string }{
	{"kindObject", ""}, {"kindArray", ""}, {"kindString", "v.Value"}, {"kindNumber", "json.Number(v.Value)"}, {"kindBool", ""}, {"kindNull", ""},
}

func (g *gen) emit(loc string) error {
	node, err := g.node(loc)
	if err != nil {
		return err
	}
	file, ptr, _ := strings.Cut(loc, "#")
	name := g.names[loc]
	fmt.Fprintf(&g.funcs, "// %s checks %s, and every schema equal to it.\nfunc %s(v %s) bool {\n", name, loc, name, g.pick("any", "*yaml.Node"))
	defer g.funcs.WriteString("}\n\n")
	switch s := node.(type) {
	case bool:
		fmt.Fprintf(&g.funcs, "\treturn %v\n", s)
		return nil
	case map[string]any:
	default:
		return fmt.Errorf("%s: a schema must be an object or a boolean", loc)
	}
	s := node.(map[string]any)
	for _, k := range sortedKeys(s) {
		if !annotations[k] && !implemented[k] {
			return fmt.Errorf("%s: keyword %q is not implemented by the generated validator: implement it in schema/gen or do without it", loc, k)
		}
	}
	if ptr != "" {
		if _, ok := s["$id"]; ok {
			return fmt.Errorf("%s: $id below a file's root is not implemented", loc)
		}
		if _, ok := s["$schema"]; ok {
			return fmt.Errorf("%s: $schema below a file's root is not implemented", loc)
		}
	}
	w := &g.funcs
	sub := func(kw ...string) (string, error) {
		p := ptr
		for _, t := range kw {
			p += "/" + escapeToken(t)
		}
		return g.fn(file + "#" + p)
	}
	if r, ok := s["$ref"]; ok {
		rs, ok := r.(string)
		if !ok {
			return fmt.Errorf("%s: $ref must be a string", loc)
		}
		target, err := g.ref(file, rs)
		if err != nil {
			return err
		}
		fn, err := g.fn(target)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\tif !%s(v) {\n\t\treturn false\n\t}\n", fn)
	}
	if a, ok := s["anyOf"]; ok {
		branches, ok := a.([]any)
		if !ok || len(branches) == 0 {
			return fmt.Errorf("%s: anyOf must be a non-empty array", loc)
		}
		var calls []string
		for i := range branches {
			fn, err := sub("anyOf", strconv.Itoa(i))
			if err != nil {
				return err
			}
			calls = append(calls, fn+"(v)")
		}
		fmt.Fprintf(w, "\tif !(%s) {\n\t\treturn false\n\t}\n", strings.Join(calls, " || "))
	}

	var types map[string]bool
	if t, ok := s["type"]; ok {
		types = map[string]bool{}
		switch t := t.(type) {
		case string:
			types[t] = true
		case []any:
			for _, x := range t {
				xs, ok := x.(string)
				if !ok {
					return fmt.Errorf("%s: type must be a string or an array of strings", loc)
				}
				types[xs] = true
			}
		default:
			return fmt.Errorf("%s: type must be a string or an array of strings", loc)
		}
		for t := range types {
			if !slices.ContainsFunc(kinds, func(k struct{ goType, jsonType string }) bool { return k.jsonType == t }) && t != "integer" {
				return fmt.Errorf("%s: unknown type %q", loc, t)
			}
		}
	}

	bodies := make([][]string, len(kinds))
	usesX := false
	for i, k := range kinds {
		var body []string
		add := func(format string, args ...any) { body = append(body, fmt.Sprintf(format, args...)) }
		allowed := types == nil || types[k.jsonType]
		if !allowed && k.jsonType == "number" && types["integer"] {
			add("if !numIsInteger(x) {\n\treturn false\n}")
			allowed = true
		}
		if !allowed {
			add("return false")
			bodies[i] = body
			continue
		}
		var err error
		switch k.jsonType {
		case "object":
			body, err = g.object(loc, s, sub, body)
		case "array":
			body, err = g.array(loc, s, sub, body)
		case "string":
			if n, ok := s["minLength"]; ok {
				c, err := count(loc, "minLength", n)
				if err != nil {
					return err
				}
				add("if utf8.RuneCountInString(x) < %d {\n\treturn false\n}", c)
			}
			if p, ok := s["pattern"]; ok {
				ps, ok := p.(string)
				if !ok {
					return fmt.Errorf("%s: pattern must be a string", loc)
				}
				re, err := g.pattern(loc, ps)
				if err != nil {
					return err
				}
				add("if !%s.match(x) {\n\treturn false\n}", re)
			}
		case "number":
			for _, kw := range []struct{ name, op string }{{"minimum", "<"}, {"maximum", ">"}} {
				if n, ok := s[kw.name]; ok {
					num, ok := n.(json.Number)
					if !ok {
						return fmt.Errorf("%s: %s must be a number", loc, kw.name)
					}
					if !exactNumber.MatchString(num.String()) {
						return fmt.Errorf("%s: %s %s is not written as digits with optional decimals", loc, kw.name, num)
					}
					add("if c, ok := numCmp(x, %q); !ok || c %s 0 {\n\treturn false\n}", num.String(), kw.op)
				}
			}
		}
		if err != nil {
			return err
		}
		// Every line but a bare "return false" uses x.
		for _, line := range body {
			if line != "return false" {
				usesX = true
			}
		}
		bodies[i] = body
	}
	switch {
	case g.onNodes:
		w.WriteString("\tswitch nodeKind(v) {\n")
	case usesX:
		w.WriteString("\tswitch x := v.(type) {\n")
	default:
		w.WriteString("\tswitch v.(type) {\n")
	}
	var empty []string
	for i, k := range kinds {
		if len(bodies[i]) == 1 && bodies[i][0] == "return false" {
			continue // the default's
		}
		label := g.pick(k.goType, nodeKinds[i].kind)
		if len(bodies[i]) == 0 {
			empty = append(empty, label)
			continue
		}
		fmt.Fprintf(w, "\tcase %s:\n", label)
		if x := nodeKinds[i].x; g.onNodes && x != "" {
			fmt.Fprintf(w, "\t\tx := %s\n", x)
		}
		for _, line := range bodies[i] {
			for _, l := range strings.Split(line, "\n") {
				fmt.Fprintf(w, "\t\t%s\n", l)
			}
		}
	}
	if len(empty) > 0 {
		fmt.Fprintf(w, "\tcase %s:\n", strings.Join(empty, ", "))
	}
	w.WriteString("\tdefault:\n\t\treturn false\n\t}\n")

	var lits []string
	if c, ok := s["const"]; ok {
		l, err := g.literal(loc, c)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\tif !%s {\n\t\treturn false\n\t}\n", l)
	}
	if e, ok := s["enum"]; ok {
		vals, ok := e.([]any)
		if !ok || len(vals) == 0 {
			return fmt.Errorf("%s: enum must be a non-empty array", loc)
		}
		for _, val := range vals {
			l, err := g.literal(loc, val)
			if err != nil {
				return err
			}
			lits = append(lits, l)
		}
		fmt.Fprintf(w, "\tif !(%s) {\n\t\treturn false\n\t}\n", strings.Join(lits, " || "))
	}
	w.WriteString("\treturn true\n")
	return nil
}

var exactNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// literal is the Go expression that v equals the JSON value val, as jsonschema's equals says.
func (g *gen) literal(loc string, val any) (string, error) {
	switch val := val.(type) {
	case string:
		return fmt.Sprintf(g.pick("strIs(v, %q)", "nodeStrIs(v, %q)"), val), nil
	case json.Number:
		if !exactNumber.MatchString(val.String()) {
			return "", fmt.Errorf("%s: number %s is not written as digits with optional decimals", loc, val)
		}
		return fmt.Sprintf(g.pick("numIs(v, %q)", "nodeNumIs(v, %q)"), val.String()), nil
	case bool:
		return fmt.Sprintf(g.pick("boolIs(v, %v)", "nodeBoolIs(v, %v)"), val), nil
	case nil:
		return g.pick("v == nil", "nodeKind(v) == kindNull"), nil
	}
	return "", fmt.Errorf("%s: const and enum of arrays or objects are not implemented", loc)
}

func count(loc, kw string, n any) (int, error) {
	num, ok := n.(json.Number)
	if ok {
		if c, err := strconv.Atoi(num.String()); err == nil && c >= 0 {
			return c, nil
		}
	}
	return 0, fmt.Errorf("%s: %s must be a non-negative integer", loc, kw)
}

func (g *gen) pattern(loc, p string) (string, error) {
	if _, err := regexp.Compile(p); err != nil {
		return "", fmt.Errorf("%s: pattern %q: %w", loc, p, err)
	}
	i := slices.Index(g.patterns, p)
	if i < 0 {
		i = len(g.patterns)
		g.patterns = append(g.patterns, p)
	}
	return fmt.Sprintf("schemaRe%d", i), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (g *gen) object(loc string, s map[string]any, sub func(...string) (string, error), body []string) ([]string, error) {
	add := func(format string, args ...any) { body = append(body, fmt.Sprintf(format, args...)) }
	if r, ok := s["required"]; ok {
		req, ok := r.([]any)
		if !ok {
			return nil, fmt.Errorf("%s: required must be an array of strings", loc)
		}
		for _, k := range req {
			ks, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("%s: required must be an array of strings", loc)
			}
			add(g.pick("if _, ok := x[%q]; !ok {\n\treturn false\n}", "if !nodeHas(v, %q) {\n\treturn false\n}"), ks)
		}
	}
	props := map[string]any{}
	if p, ok := s["properties"]; ok {
		if props, ok = p.(map[string]any); !ok {
			return nil, fmt.Errorf("%s: properties must be an object", loc)
		}
	}
	patProps := map[string]any{}
	if p, ok := s["patternProperties"]; ok {
		if patProps, ok = p.(map[string]any); !ok {
			return nil, fmt.Errorf("%s: patternProperties must be an object", loc)
		}
	}
	type pat struct{ expr, re, fn string }
	var pats []pat
	for _, p := range sortedKeys(patProps) {
		re, err := g.pattern(loc, p)
		if err != nil {
			return nil, err
		}
		fn, err := sub("patternProperties", p)
		if err != nil {
			return nil, err
		}
		pats = append(pats, pat{p, re, fn})
	}
	additional := "" // "" when any other key is allowed, "false", or a function
	if a, ok := s["additionalProperties"]; ok {
		switch a := a.(type) {
		case bool:
			if !a {
				additional = "false"
			}
		case map[string]any:
			fn, err := sub("additionalProperties")
			if err != nil {
				return nil, err
			}
			additional = fn
		default:
			return nil, fmt.Errorf("%s: additionalProperties must be a schema", loc)
		}
	}
	if len(props) == 0 && len(pats) == 0 && additional == "" {
		return body, nil
	}
	var loop []string
	if len(props) > 0 {
		loop = append(loop, "switch k {")
		for _, p := range sortedKeys(props) {
			fn, err := sub("properties", p)
			if err != nil {
				return nil, err
			}
			loop = append(loop, fmt.Sprintf("case %q:", p), fmt.Sprintf("\tif !%s(e) {\n\t\treturn false\n\t}", fn))
			for _, pt := range pats {
				// A property whose name a pattern matches is checked against both.
				if regexp.MustCompile(pt.expr).MatchString(p) {
					loop = append(loop, fmt.Sprintf("\tif !%s(e) {\n\t\treturn false\n\t}", pt.fn))
				}
			}
		}
		if len(pats) > 0 || additional != "" {
			loop = append(loop, "default:")
		}
	}
	ind := ""
	if len(props) > 0 {
		ind = "\t"
	}
	var rest []string
	if additional != "" && len(pats) > 0 {
		rest = append(rest, "matched := false")
	}
	for _, pt := range pats {
		if additional != "" {
			rest = append(rest, fmt.Sprintf("if %s.match(k) {\n\tmatched = true\n\tif !%s(e) {\n\t\treturn false\n\t}\n}", pt.re, pt.fn))
		} else {
			rest = append(rest, fmt.Sprintf("if %s.match(k) && !%s(e) {\n\treturn false\n}", pt.re, pt.fn))
		}
	}
	switch {
	case additional == "false" && len(pats) > 0:
		rest = append(rest, "if !matched {\n\treturn false\n}")
	case additional == "false":
		rest = append(rest, "return false")
	case additional != "" && len(pats) > 0:
		rest = append(rest, fmt.Sprintf("if !matched && !%s(e) {\n\treturn false\n}", additional))
	case additional != "":
		rest = append(rest, fmt.Sprintf("if !%s(e) {\n\treturn false\n}", additional))
	}
	for _, r := range rest {
		loop = append(loop, ind+strings.ReplaceAll(r, "\n", "\n"+ind))
	}
	if len(props) > 0 {
		loop = append(loop, "}")
	}
	key := "k"
	elem := "e"
	joined := strings.Join(loop, "\n")
	if !strings.Contains(joined, "(e)") {
		elem = "_"
	}
	if !strings.Contains(joined, "k {") && !strings.Contains(joined, "(k)") {
		key = "_"
	}
	if key == "_" && elem == "_" {
		add("%s", g.pick("if len(x) > 0 {\n\treturn false\n}", "if len(v.Content) > 0 {\n\treturn false\n}"))
		return body, nil
	}
	if g.onNodes {
		// A clean tree's keys are distinct: its pairs are the values' entries.
		var decl []string
		if key != "_" {
			decl = append(decl, "k := v.Content[i].Value")
		}
		if elem != "_" {
			decl = append(decl, "e := v.Content[i+1]")
		}
		add("for i := 0; i+1 < len(v.Content); i += 2 {\n\t%s\n\t%s\n}", strings.Join(decl, "\n\t"), strings.ReplaceAll(joined, "\n", "\n\t"))
		return body, nil
	}
	add("for %s, %s := range x {\n\t%s\n}", key, elem, strings.ReplaceAll(joined, "\n", "\n\t"))
	return body, nil
}

func (g *gen) array(loc string, s map[string]any, sub func(...string) (string, error), body []string) ([]string, error) {
	add := func(format string, args ...any) { body = append(body, fmt.Sprintf(format, args...)) }
	if n, ok := s["minItems"]; ok {
		c, err := count(loc, "minItems", n)
		if err != nil {
			return nil, err
		}
		add(g.pick("if len(x) < %d {\n\treturn false\n}", "if len(v.Content) < %d {\n\treturn false\n}"), c)
	}
	if _, ok := s["items"]; ok {
		fn, err := sub("items")
		if err != nil {
			return nil, err
		}
		add(g.pick("for _, e := range x {\n\tif !%s(e) {\n\t\treturn false\n\t}\n}", "for _, e := range v.Content {\n\tif !%s(e) {\n\t\treturn false\n\t}\n}"), fn)
	}
	if u, ok := s["uniqueItems"]; ok {
		b, ok := u.(bool)
		if !ok {
			return nil, fmt.Errorf("%s: uniqueItems must be a boolean", loc)
		}
		if b {
			add("%s", g.pick("if !uniqueItems(x) {\n\treturn false\n}", "if !nodeUniqueItems(v.Content) {\n\treturn false\n}"))
		}
	}
	return body, nil
}
