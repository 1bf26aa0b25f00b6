package main

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLSPScreen runs Neovim with budget lsp on a terminal (tmux), edits a declared total and opens
// the hover on it (testdata/lsp/screen.lua), and reads the screen with tmux capture-pane: the
// diagnostic and the hover must show. With BUDGET_SCREENSHOTS=DIR it also renders the captured
// screen, colours included, to DIR/editor-lsp.png through headless Chromium: the README's picture.
func TestLSPScreen(t *testing.T) {
	nvim := findNeovim(t)
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		msg := "no tmux on PATH: the editor's screen test needs it; install it with .ci/install-neovim"
		if os.Getenv("BUDGET_REQUIRE_NEOVIM") == "1" {
			t.Fatal(msg + " (BUDGET_REQUIRE_NEOVIM=1 makes it a failure)")
		}
		t.Skip(msg)
	}
	budget := budgetCommand(t)
	ledger := copyBundled(t)
	tmp := t.TempDir()
	ready := filepath.Join(tmp, "ready")
	script, err := filepath.Abs("testdata/lsp/screen.lua")
	if err != nil {
		t.Fatal(err)
	}
	socket := filepath.Join(tmp, "tmux.sock")
	env := []string{"BUDGET=" + budget, "LEDGER=" + ledger, "FILE=" + filepath.Join(ledger, neovimProposal), "READY=" + ready,
		"XDG_STATE_HOME=" + tmp, "XDG_CACHE_HOME=" + tmp, "TERM=tmux-256color", "COLORTERM=truecolor"}
	args := []string{"-S", socket, "-f", "/dev/null", "new-session", "-d", "-x", "110", "-y", "30", "-c", ledger}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, nvim, "--clean", "-n", "-c", "luafile "+script)
	if out, err := exec.Command(tmux, args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	// Only the tmux server of this test's own socket is ended.
	defer exec.Command(tmux, "-S", socket, "kill-server").Run()
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := os.Stat(ready); err == nil {
			break
		}
		if time.Now().After(deadline) {
			screen, _ := exec.Command(tmux, "-S", socket, "capture-pane", "-p").Output()
			t.Fatalf("Neovim did not show the hover within a minute; its screen:\n%s", screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
	screen, err := exec.Command(tmux, "-S", socket, "capture-pane", "-e", "-p").Output()
	if err != nil {
		t.Fatalf("tmux capture-pane: %v", err)
	}
	plain := sgr.ReplaceAllString(string(screen), "")
	for _, want := range []string{
		`2027: -3000`,                               // the edited total
		`"Samlet varig ændring" viser -3000 i`,      // its diagnostic, as virtual text
		`angivet -3.000, beregnet -3.968 (afviger)`, // the hover
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("the screen lacks %q:\n%s", want, plain)
		}
	}
	out := os.Getenv("BUDGET_SCREENSHOTS")
	if out == "" || t.Failed() {
		return
	}
	page := filepath.Join(tmp, "screen.html")
	if err := os.WriteFile(page, []byte(screenPage(string(screen))), 0o644); err != nil {
		t.Fatal(err)
	}
	browser := findChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")), chromedp.WindowSize(1200, 800))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	defer cancelBrowser()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("screen")))
	if err != nil {
		t.Fatal(err)
	}
	save(t, filepath.Join(out, "editor-lsp.png"), shot)
}

// sgr matches a terminal's colour and style sequence (Select Graphic Rendition).
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// screenPage renders a captured terminal screen as HTML: each run of text in a span with its
// colours and weight.
func screenPage(screen string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><meta charset="utf-8"><style>body{margin:0;background:#fff}` +
		`pre{display:inline-block;margin:0;padding:10px 12px;background:#1e1e1e;color:#d4d4d4;` +
		`font:14px/1.1 "Liberation Mono",monospace}</style><pre id="screen">`)
	var st termStyle
	last := 0
	for _, m := range sgr.FindAllStringSubmatchIndex(screen, -1) {
		st.text(&b, screen[last:m[0]])
		st.apply(screen[m[2]:m[3]])
		last = m[1]
	}
	st.text(&b, screen[last:])
	b.WriteString("</pre>")
	return b.String()
}

// termStyle is the terminal's current rendition.
type termStyle struct {
	fg, bg                     string
	bold, italic, under, rever bool
}

func (s *termStyle) text(b *strings.Builder, t string) {
	if t == "" {
		return
	}
	fg, bg := s.fg, s.bg
	if s.rever {
		fg, bg = cmpOr(bg, "#1e1e1e"), cmpOr(fg, "#d4d4d4")
	}
	var css []string
	if fg != "" {
		css = append(css, "color:"+fg)
	}
	if bg != "" {
		css = append(css, "background:"+bg)
	}
	if s.bold {
		css = append(css, "font-weight:bold")
	}
	if s.italic {
		css = append(css, "font-style:italic")
	}
	if s.under {
		css = append(css, "text-decoration:underline")
	}
	if len(css) == 0 {
		b.WriteString(html.EscapeString(t))
		return
	}
	fmt.Fprintf(b, `<span style="%s">%s</span>`, strings.Join(css, ";"), html.EscapeString(t))
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// basic are the 16 colours of the terminal's palette.
var basic = []string{"#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
	"#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"}

// color256 is colour n of the xterm palette of 256.
func color256(n int) string {
	switch {
	case n < 16:
		return basic[n]
	case n < 232:
		n -= 16
		level := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + 40*v
		}
		return fmt.Sprintf("#%02x%02x%02x", level(n/36), level(n/6%6), level(n%6))
	default:
		v := 8 + 10*(n-232)
		return fmt.Sprintf("#%02x%02x%02x", v, v, v)
	}
}

func (s *termStyle) apply(params string) {
	if params == "" {
		*s = termStyle{}
		return
	}
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		extended := func() string {
			if i+1 < len(ps) && ps[i+1] == "5" && i+2 < len(ps) {
				c, _ := strconv.Atoi(ps[i+2])
				i += 2
				return color256(c)
			}
			if i+1 < len(ps) && ps[i+1] == "2" && i+4 < len(ps) {
				r, _ := strconv.Atoi(ps[i+2])
				g, _ := strconv.Atoi(ps[i+3])
				bl, _ := strconv.Atoi(ps[i+4])
				i += 4
				return fmt.Sprintf("#%02x%02x%02x", r, g, bl)
			}
			return ""
		}
		switch {
		case n == 0:
			*s = termStyle{}
		case n == 1:
			s.bold = true
		case n == 3:
			s.italic = true
		case n == 4:
			s.under = true
		case n == 7:
			s.rever = true
		case n == 22:
			s.bold = false
		case n == 23:
			s.italic = false
		case n == 24:
			s.under = false
		case n == 27:
			s.rever = false
		case n >= 30 && n <= 37:
			s.fg = basic[n-30]
		case n == 38:
			s.fg = extended()
		case n == 39:
			s.fg = ""
		case n >= 40 && n <= 47:
			s.bg = basic[n-40]
		case n == 48:
			s.bg = extended()
		case n == 49:
			s.bg = ""
		case n >= 90 && n <= 97:
			s.fg = basic[n-90+8]
		case n >= 100 && n <= 107:
			s.bg = basic[n-100+8]
		}
	}
}
