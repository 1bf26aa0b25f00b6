package zzprobe

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func dump(n *yaml.Node, d int) {
	fmt.Printf("%sK%d S%d T%q V%q L%d C%d H%q I%q F%q A%q\n", strings.Repeat("  ", d), n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment, n.Anchor)
	for _, c := range n.Content {
		dump(c, d+1)
	}
}

func TestProbe(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("F"))
	for _, part := range strings.Split(string(src), "=====\n") {
		fmt.Printf("---- %q\n", part)
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(part), &n); err != nil {
			fmt.Println("ERR", err)
			continue
		}
		dump(&n, 0)
	}
}
