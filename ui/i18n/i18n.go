package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Pref is the preference key of the chosen language: "" (the system's),
// "en", "zh" or "de".
const Pref = "language"

// A Language is one the window speaks.
type Language struct {
	Code string // "en", "zh", "de": the preference value
	Name string // as its speakers write it: "English", "简体中文", "Deutsch"
	env  string // the locale Setup puts in LANGUAGE for Fyne
}

// Languages are the languages the window speaks, English first.
var Languages = []Language{
	{Code: "en", Name: "English", env: "en"},
	{Code: "zh", Name: "简体中文", env: "zh_CN"},
	{Code: "de", Name: "Deutsch", env: "de_DE"},
}

//go:embed translations
var translations embed.FS

var current atomic.Value // string: the code of the language in use

// texts holds the translations by language code and English text, read
// from the same files as Fyne's: it tells whether a text has a translation
// (Message) without asking Fyne, which logs every miss.
var texts = loadTexts()

func loadTexts() map[string]map[string]string {
	m := map[string]map[string]string{}
	files, err := translations.ReadDir("translations")
	if err != nil {
		panic(err) // embedded at build time
	}
	for _, f := range files {
		data, err := translations.ReadFile(path.Join("translations", f.Name()))
		if err != nil {
			panic(err)
		}
		var t map[string]string
		if err := json.Unmarshal(data, &t); err != nil {
			panic("i18n: " + f.Name() + ": " + err.Error()) // TestTranslationFiles reads them
		}
		code := strings.SplitN(strings.TrimSuffix(f.Name(), ".json"), "_", 2)[0]
		m[code] = t
	}
	return m
}

// has reports whether s has a translation in the language in use.
func has(s string) bool {
	_, ok := texts[Lang()][s]
	return ok
}

// Setup loads the translations and picks the language: code ("en", "zh",
// "de"), or the system locale when code is "" or unknown. It returns the
// code of the language in use. Call it before building widgets; calling it
// again switches the language of texts built after it (tests).
func Setup(code string) string {
	restoreEnv() // an earlier Setup's choice is not the system's
	for _, l := range Languages {
		if l.Code == code {
			// Fyne reads the language from the environment when
			// translations are added (github.com/jeandeaual/go-locale):
			// LANGUAGE unless LC_ALL, LC_MESSAGES or LANG is C or POSIX.
			os.Setenv("LANGUAGE", l.env)
			for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
				if s := os.Getenv(v); s == "C" || s == "POSIX" {
					os.Setenv(v, l.env+".UTF-8")
				}
			}
		}
	}
	if err := lang.AddTranslationsFS(translations, "translations"); err != nil {
		fyne.LogError("i18n: translations", err)
	}
	// Each file holds its own code under this key: the language Fyne matched.
	c := lang.X("i18n.language", "en")
	current.Store(c)
	return c
}

// localeVars are the environment variables Fyne reads the language from.
var localeVars = []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}

var (
	sysEnvOnce sync.Once
	sysEnv     = map[string]*string{} // localeVars as the first Setup found them; nil: unset
)

// restoreEnv puts localeVars back as the first call found them.
func restoreEnv() {
	sysEnvOnce.Do(func() {
		for _, v := range localeVars {
			if s, ok := os.LookupEnv(v); ok {
				sysEnv[v] = &s
			} else {
				sysEnv[v] = nil
			}
		}
	})
	for v, s := range sysEnv {
		if s == nil {
			os.Unsetenv(v)
		} else {
			os.Setenv(v, *s)
		}
	}
}

// Lang is the code of the language in use: "en", "zh" or "de".
func Lang() string {
	if c, ok := current.Load().(string); ok {
		return c
	}
	return "en"
}

// T translates the English text s; with args, the translation is a fmt
// format for them.
func T(s string, args ...any) string {
	t := s
	if has(s) {
		t = lang.L(s)
	}
	return sprintf(t, args...)
}

// N marks an English text for translation where it is defined (a table, a
// constant) and returns it as it is; T translates it where it is shown.
func N(s string) string { return s }

// All translates each English text of ss (the options of a select, chosen
// by index).
func All(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = T(s)
	}
	return out
}

func sprintf(format string, args ...any) string {
	if len(args) == 0 {
		return format
	}
	if code := Lang(); code != "en" {
		for i, a := range args {
			switch v := a.(type) {
			case float64:
				args[i] = localFloat{v, code}
			case float32:
				args[i] = localFloat{float64(v), code}
			}
		}
	}
	return fmt.Sprintf(format, args...)
}

// localFloat formats a float argument of T as the language writes numbers
// (numberIn), with the verb, width and precision of the format.
type localFloat struct {
	v    float64
	code string
}

func (l localFloat) Format(f fmt.State, verb rune) {
	format := "%"
	if f.Flag('+') {
		format += "+"
	}
	if p, ok := f.Precision(); ok {
		format += "." + strconv.Itoa(p)
	}
	text := numberIn(l.code, fmt.Sprintf(format+string(verb), l.v))
	if w, ok := f.Width(); ok && len([]rune(text)) < w {
		pad := strings.Repeat(" ", w-len([]rune(text)))
		if f.Flag('-') {
			text += pad
		} else {
			text = pad + text
		}
	}
	fmt.Fprint(f, text)
}

// Key translates the text stored under key, english when it has none (the
// setting labels and help of package config).
func Key(key, english string) string { return lang.X(key, english) }
