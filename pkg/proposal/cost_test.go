package proposal

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMaxObjectKeys holds the schemas to what Oversized assumes: every object is closed
// (additionalProperties false) with fewer than maxObjectKeys properties, except the amounts and
// the realised figures, whose keys are years (Amounts and RealisedYears read them in one pass).
// A file with a larger mapping that matches its schema has it only there.
func TestMaxObjectKeys(t *testing.T) {
	s := loadSchemas()
	if s.err != nil {
		t.Fatal(s.err)
	}
	var walk func(where string, v any)
	walk = func(where string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if props, ok := x["properties"].(map[string]any); ok {
				if len(props) >= maxObjectKeys {
					t.Errorf("%s declares %d properties, maxObjectKeys is %d", where, len(props), maxObjectKeys)
				}
				if x["additionalProperties"] != false {
					t.Errorf("%s is not closed (additionalProperties false)", where)
				}
			}
			if x["type"] == "object" && x["properties"] == nil && !strings.HasSuffix(where, "/$defs/amounts") &&
				!strings.HasSuffix(where, "/properties/realised/properties/permanent") {
				t.Errorf("%s is an object of any keys; only $defs/amounts and realised.permanent may be", where)
			}
			for k, e := range x {
				walk(where+"/"+k, e)
			}
		case []any:
			for _, e := range x {
				walk(where+"/[]", e)
			}
		}
	}
	for url, doc := range s.raw {
		walk(url+"#", doc)
	}
	year := s.raw[schemaBase+"defs.schema.json"].(map[string]any)["$defs"].(map[string]any)["year"].(map[string]any)
	if lo, hi := year["minimum"].(json.Number).String(), year["maximum"].(json.Number).String(); lo != "1900" || hi != "2200" {
		t.Errorf("$defs/year is %s-%s; maxYears counts 1900-2200", lo, hi)
	}
}
