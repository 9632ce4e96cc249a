package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/forecaster-dev/forecaster/forecast/config"
	"github.com/forecaster-dev/forecaster/forecast/experiment"
	"github.com/forecaster-dev/forecaster/sampledata"
)

// usedKeys returns every text the module translates: the literal (or
// constant) first argument of each call of T in package i18n and of
// i18n.T elsewhere, the message templates, and the keys of the settings
// table. where says where each was found.
func usedKeys(t *testing.T) (keys []string, where map[string]string) {
	t.Helper()
	where = map[string]string{}
	add := func(k, at string) {
		if _, ok := where[k]; !ok {
			keys = append(keys, k)
			where[k] = at
		}
	}
	root := filepath.Join("..", "..")
	dirs := map[string][]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		dirs[filepath.Dir(p)] = append(dirs[filepath.Dir(p)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, files := range dirs {
		consts := map[string]string{}  // the package's string constants
		lists := map[string][]string{} // and lists of strings ([]string{…})
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				if vs, ok := n.(*ast.ValueSpec); ok {
					for i, name := range vs.Names {
						if i >= len(vs.Values) {
							continue
						}
						switch v := vs.Values[i].(type) {
						case *ast.BasicLit:
							if v.Kind == token.STRING {
								consts[name.Name], _ = strconv.Unquote(v.Value)
							}
						case *ast.CompositeLit:
							lists[name.Name] = stringLits(v)
						}
					}
				}
				return true
			})
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 || !isT(call.Fun, f.Name.Name) {
					return true
				}
				at := fset.Position(call.Pos()).String()
				if isAll(call.Fun) {
					switch a := call.Args[0].(type) {
					case *ast.CompositeLit:
						for _, s := range stringLits(a) {
							add(s, at)
						}
					case *ast.Ident:
						for _, s := range lists[a.Name] {
							add(s, at)
						}
					}
					return true
				}
				switch a := call.Args[0].(type) {
				case *ast.BasicLit:
					s, _ := strconv.Unquote(a.Value)
					add(s, at)
				case *ast.Ident:
					if s, ok := consts[a.Name]; ok {
						add(s, at)
					}
				}
				return true
			})
		}
	}
	for _, s := range templates {
		add(s, "templates")
	}
	for _, f := range config.Fields() {
		add("setting."+f.Name+".label", "config.Fields")
		add("setting."+f.Name+".help", "config.Fields")
	}
	for _, g := range []config.Group{config.GroupData, config.GroupModel, config.GroupTraining, config.GroupStabilisers} {
		add("group."+g.String(), "config groups")
		add("group."+g.String()+".summary", "config groups")
	}
	for _, c := range experiment.Claims {
		add("claim."+c.ID, "experiment.Claims")
	}
	for _, s := range sampledata.List() {
		add("sample."+s.ID+".title", "sampledata.List")
		add("sample."+s.ID+".description", "sampledata.List")
		add("sample."+s.ID+".source", "sampledata.List")
	}
	return keys, where
}

// isT reports whether fun is i18n.T, i18n.N or i18n.All (or T or N
// inside package i18n, Style.tr in package chart, or a translator
// parameter named tr).
func isT(fun ast.Expr, pkg string) bool {
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		if pkg == "chart" && f.Sel.Name == "tr" {
			return true // Style.tr: the charts' words, translated by Style.T
		}
		x, ok := f.X.(*ast.Ident)
		return ok && x.Name == "i18n" && (f.Sel.Name == "T" || f.Sel.Name == "N" || f.Sel.Name == "All")
	case *ast.Ident:
		// tr: a translator passed in by the window (app.Run.DataLabel's).
		return pkg == "i18n" && (f.Name == "T" || f.Name == "N") || f.Name == "tr"
	}
	return false
}

func isAll(fun ast.Expr) bool {
	f, ok := fun.(*ast.SelectorExpr)
	return ok && f.Sel.Name == "All"
}

// stringLits is the string literals of a []string{…}.
func stringLits(c *ast.CompositeLit) []string {
	var out []string
	for _, e := range c.Elts {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, _ := strconv.Unquote(lit.Value)
			out = append(out, s)
		}
	}
	return out
}

var verbs = regexp.MustCompile(`%(\[[0-9]+\])?[-+#0]?[0-9]*(\.[0-9]+)?[sdqgfevxXT%]`)

// verbSet is the verbs of a format without their indexes, sorted: a
// translation may reorder them but must keep them.
func verbSet(s string) []string {
	v := verbs.FindAllString(s, -1)
	for i := range v {
		v[i] = regexp.MustCompile(`\[[0-9]+\]`).ReplaceAllString(v[i], "")
	}
	slices.Sort(v)
	return v
}

// TestKeysTranslated fails when a text the code translates has no Chinese
// or German translation, when a translation drops or changes a format
// verb, and when a translation file holds a text no code uses any more.
func TestKeysTranslated(t *testing.T) {
	keys, where := usedKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found %d translated texts; the scan is broken", len(keys))
	}
	for _, code := range []string{"zh", "de"} {
		missing := 0
		for _, k := range keys {
			tr, ok := texts[code][k]
			if !ok {
				missing++
				t.Errorf("%s: no %s translation of %q", where[k], code, k)
				continue
			}
			if strings.HasPrefix(k, "setting.") || strings.HasPrefix(k, "group.") {
				continue // not formats
			}
			if got, want := verbSet(tr), verbSet(k); !slices.Equal(got, want) {
				t.Errorf("%s translation of %q = %q: verbs %v; want %v", code, k, tr, got, want)
			}
			// Without explicit indexes (%[2]d) the verbs keep their order.
			if !strings.Contains(tr, "%[") && !slices.Equal(verbs.FindAllString(tr, -1), verbs.FindAllString(k, -1)) {
				t.Errorf("%s translation of %q = %q: verbs %v in another order; use %%[n]v", code, k, tr, verbs.FindAllString(tr, -1))
			}
		}
		if missing > 0 {
			t.Logf("%s: %d of %d texts untranslated", code, missing, len(keys))
		}
		for k := range texts[code] {
			if _, ok := where[k]; !ok && k != "i18n.language" {
				t.Errorf("%s.json: %q is not used by the code (remove it)", code, k)
			}
		}
	}
}

// TestTranslationFiles: every file is a flat JSON object of texts naming
// its own language.
func TestTranslationFiles(t *testing.T) {
	for code, m := range texts {
		if m["i18n.language"] != code {
			t.Errorf("%s: i18n.language = %q", code, m["i18n.language"])
		}
	}
	for _, l := range Languages {
		if texts[l.Code] == nil {
			t.Errorf("no translation file for %s", l.Code)
		}
	}
	if _, err := os.Stat(filepath.Join("translations", "zh_Hans.json")); err != nil {
		t.Error(err)
	}
}
