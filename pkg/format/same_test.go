package format

import (
	"encoding/json"
	"testing"
)

func TestSameValue(t *testing.T) {
	n := func(s string) any { return json.Number(s) }
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{name: "numbers as fmt spells them", a: n("12.50"), b: n("12.5"), want: true},
		{name: "different numbers", a: n("12.5"), b: n("12.6"), want: false},
		{name: "a number is not the text of it", a: n("5"), b: "5", want: false},
		{name: "nor the text that canonicalValue once made of it", a: n("5"), b: "#5", want: false},
		{name: "text", a: "Lavere husleje", b: "Lavere husleje", want: true},
		{name: "null and false", a: nil, b: false, want: false},
		{name: "nested", a: map[string]any{"a": []any{n("1.0"), nil, true}}, b: map[string]any{"a": []any{n("1"), nil, true}}, want: true},
		{name: "a key more", a: map[string]any{"a": nil}, b: map[string]any{"a": nil, "b": nil}, want: false},
		{name: "a key other", a: map[string]any{"a": nil}, b: map[string]any{"b": nil}, want: false},
		{name: "list longer", a: []any{"x"}, b: []any{"x", "x"}, want: false},
		{name: "list and mapping", a: []any{}, b: map[string]any{}, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameValue(tt.a, tt.b); got != tt.want {
				t.Errorf("sameValue(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := sameValue(tt.b, tt.a); got != tt.want {
				t.Errorf("sameValue(%v, %v) = %v, want %v (swapped)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}
