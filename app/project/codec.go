package project

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The entries of a project file are JSON written by encodeJSON and read by
// decodeJSON: encoding/json's shapes (objects for structs, keyed by the
// json tag or else the field's name; arrays; strings for types with
// MarshalText), with two differences that make a saved run come back bit
// for bit. Floats are written with the fewest digits that read back to the
// same bits, and NaN, +Inf and -Inf — a metric on a constant series, the
// best validation loss before the first epoch, an empty histogram bucket —
// as the strings "NaN", "+Inf" and "-Inf", where encoding/json refuses
// them. A type's MarshalJSON is not used (classic.Metrics writes null for
// NaN), and the types in a codec's forbidden set must be nil: the reader
// refuses to fill them (a forecast.Model is read from its own entry, by
// forecast.ReadModel, which checks it).
//
// decodeJSON reads token by token into the destination's type, appending
// element by element: it allocates in proportion to the entry's bytes,
// which the reader caps before reading, never to a length the file
// declares. A field the type does not have, a value of the wrong kind, a
// number out of the field's range and trailing data are errors.

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// codec encodes and decodes entries; types in forbidden must be nil pointers.
type codec struct {
	forbidden map[reflect.Type]bool
}

func (c codec) encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := c.encode(&b, reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

func (c codec) encode(b *bytes.Buffer, v reflect.Value) error {
	t := v.Type()
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		if c.forbidden[t] {
			return fmt.Errorf("project: %s cannot be encoded here", t)
		}
		return c.encode(b, v.Elem())
	}
	if t.Implements(textMarshaler) {
		txt, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return err
		}
		writeString(b, string(txt))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		writeFloat(b, v.Float(), t.Bits())
	case reflect.String:
		writeString(b, v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := c.encode(b, v.Index(i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.Map:
		return c.encodeMap(b, v)
	case reflect.Struct:
		b.WriteByte('{')
		for i, f := range structFields(t) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, f.name)
			b.WriteByte(':')
			if err := c.encode(b, v.Field(f.index)); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("project: cannot encode a %s", t)
	}
	return nil
}

func (c codec) encodeMap(b *bytes.Buffer, v reflect.Value) error {
	if v.IsNil() {
		b.WriteString("null")
		return nil
	}
	keys := v.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		switch k.Kind() {
		case reflect.String:
			names[i] = k.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			names[i] = strconv.FormatInt(k.Int(), 10)
		default:
			return fmt.Errorf("project: cannot encode a map keyed by %s", k.Type())
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(names[i], names[j]) })
	b.WriteByte('{')
	for n, i := range order {
		if n > 0 {
			b.WriteByte(',')
		}
		writeString(b, names[i])
		b.WriteByte(':')
		if err := c.encode(b, v.MapIndex(keys[i])); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// Non-finite floats as strings.
const (
	nanText    = "NaN"
	posInfText = "+Inf"
	negInfText = "-Inf"
)

func writeFloat(b *bytes.Buffer, f float64, bits int) {
	switch {
	case math.IsNaN(f):
		writeString(b, nanText)
	case math.IsInf(f, 1):
		writeString(b, posInfText)
	case math.IsInf(f, -1):
		writeString(b, negInfText)
	default:
		b.WriteString(strconv.FormatFloat(f, 'g', -1, bits))
	}
}

func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s) // a string always marshals
	b.Write(q)
}

// field is an encoded struct field: its name in the file and its index.
type field struct {
	name  string
	index int
}

var fieldCache sync.Map // reflect.Type → []field

// structFields lists t's exported fields with their names: the json tag's
// name when there is one, else the Go name (an embedded struct is one field
// named after its type).
func structFields(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name := sf.Name
		if tag, _, _ := strings.Cut(sf.Tag.Get("json"), ","); tag == "-" {
			continue
		} else if tag != "" {
			name = tag
		}
		fs = append(fs, field{name, i})
	}
	fieldCache.Store(t, fs)
	return fs
}

// decodeJSON reads one JSON value from b into v (a pointer) and refuses
// trailing data.
func (c codec) decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := c.decode(dec, reflect.ValueOf(v).Elem(), 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err == nil {
		return errors.New("data after the end of the JSON value")
	}
	return nil
}

// maxDepth bounds the nesting decode follows: the types written here nest
// fewer than 12 levels.
const maxDepth = 32

func (c codec) decode(dec *json.Decoder, v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errors.New("nested too deeply")
	}
	t := v.Type()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // null
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			v.SetZero()
			return nil
		}
		return fmt.Errorf("null where a %s was expected", kindName(t))
	}
	if v.Kind() == reflect.Pointer {
		if c.forbidden[t] {
			return fmt.Errorf("a %s here must be null", t.Elem().Name())
		}
		v.Set(reflect.New(t.Elem()))
		return c.decodeValue(dec, tok, v.Elem(), depth)
	}
	return c.decodeValue(dec, tok, v, depth)
}

// decodeValue decodes the value that starts with tok into v.
func (c codec) decodeValue(dec *json.Decoder, tok json.Token, v reflect.Value, depth int) error {
	t := v.Type()
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		s, ok := tok.(string)
		if !ok {
			return fmt.Errorf("%v where a %s (text) was expected", tokenText(tok), kindName(t))
		}
		return v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
	}
	switch v.Kind() {
	case reflect.Bool:
		x, ok := tok.(bool)
		if !ok {
			return fmt.Errorf("%v where true or false was expected", tokenText(tok))
		}
		v.SetBool(x)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := tok.(json.Number)
		x, err := strconv.ParseInt(string(n), 10, t.Bits())
		if !ok || err != nil {
			return fmt.Errorf("%v where a whole number (%d bits) was expected", tokenText(tok), t.Bits())
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := tok.(json.Number)
		x, err := strconv.ParseUint(string(n), 10, t.Bits())
		if !ok || err != nil {
			return fmt.Errorf("%v where a non-negative whole number was expected", tokenText(tok))
		}
		v.SetUint(x)
	case reflect.Float32, reflect.Float64:
		x, err := parseFloat(tok, t.Bits())
		if err != nil {
			return err
		}
		v.SetFloat(x)
	case reflect.String:
		s, ok := tok.(string)
		if !ok {
			return fmt.Errorf("%v where a string was expected", tokenText(tok))
		}
		v.SetString(s)
	case reflect.Slice, reflect.Array:
		return c.decodeArray(dec, tok, v, depth)
	case reflect.Map:
		return c.decodeMap(dec, tok, v, depth)
	case reflect.Struct:
		return c.decodeStruct(dec, tok, v, depth)
	default:
		return fmt.Errorf("cannot decode a %s", t)
	}
	return nil
}

func parseFloat(tok json.Token, bits int) (float64, error) {
	switch x := tok.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), bits)
		if err == nil {
			return f, nil
		}
	case string:
		switch x {
		case nanText:
			return math.NaN(), nil
		case posInfText:
			return math.Inf(1), nil
		case negInfText:
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("%v where a number was expected", tokenText(tok))
}

func (c codec) decodeArray(dec *json.Decoder, tok json.Token, v reflect.Value, depth int) error {
	if tok != json.Delim('[') {
		return fmt.Errorf("%v where a list was expected", tokenText(tok))
	}
	n := 0
	if v.Kind() == reflect.Slice {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
	for dec.More() {
		if v.Kind() == reflect.Array {
			if n >= v.Len() {
				return fmt.Errorf("more than the %d elements of a %s", v.Len(), v.Type())
			}
			if err := c.decode(dec, v.Index(n), depth+1); err != nil {
				return err
			}
		} else {
			e := reflect.New(v.Type().Elem()).Elem()
			if err := c.decode(dec, e, depth+1); err != nil {
				return err
			}
			v.Set(reflect.Append(v, e))
		}
		n++
	}
	if v.Kind() == reflect.Array && n != v.Len() {
		return fmt.Errorf("%d elements where a %s has %d", n, v.Type(), v.Len())
	}
	_, err := dec.Token() // ']'
	return err
}

func (c codec) decodeMap(dec *json.Decoder, tok json.Token, v reflect.Value, depth int) error {
	if tok != json.Delim('{') {
		return fmt.Errorf("%v where an object was expected", tokenText(tok))
	}
	t := v.Type()
	v.Set(reflect.MakeMap(t))
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		name := kt.(string) // object keys are strings
		k := reflect.New(t.Key()).Elem()
		switch t.Key().Kind() {
		case reflect.String:
			k.SetString(name)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			x, err := strconv.ParseInt(name, 10, t.Key().Bits())
			if err != nil {
				return fmt.Errorf("key %s where a whole number was expected", quoteShort(name))
			}
			k.SetInt(x)
		default:
			return fmt.Errorf("cannot decode a map keyed by %s", t.Key())
		}
		if v.MapIndex(k).IsValid() {
			return fmt.Errorf("key %s twice", quoteShort(name))
		}
		e := reflect.New(t.Elem()).Elem()
		if err := c.decode(dec, e, depth+1); err != nil {
			return fmt.Errorf("%s: %w", quoteShort(name), err)
		}
		v.SetMapIndex(k, e)
	}
	_, err := dec.Token() // '}'
	return err
}

func (c codec) decodeStruct(dec *json.Decoder, tok json.Token, v reflect.Value, depth int) error {
	if tok != json.Delim('{') {
		return fmt.Errorf("%v where an object was expected", tokenText(tok))
	}
	fs := structFields(v.Type())
	seen := make([]bool, len(fs))
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		name := kt.(string)
		i := slices.IndexFunc(fs, func(f field) bool { return f.name == name })
		if i < 0 {
			return fmt.Errorf("unknown field %s in %s", quoteShort(name), kindName(v.Type()))
		}
		if seen[i] {
			return fmt.Errorf("field %s twice", quoteShort(name))
		}
		seen[i] = true
		if err := c.decode(dec, v.Field(fs[i].index), depth+1); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	_, err := dec.Token() // '}'
	return err
}

func kindName(t reflect.Type) string {
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}

// tokenText shows a token in an error, cut short (it may be a string of
// megabytes).
func tokenText(tok json.Token) string {
	switch x := tok.(type) {
	case string:
		return quoteShort(x)
	case json.Delim:
		return string(x)
	}
	return quoteShort(fmt.Sprint(tok))
}

func quoteShort(s string) string {
	const n = 40
	if len(s) > n {
		r := []rune(s[:n])
		s = string(r[:max(len(r)-1, 0)]) + "…"
	}
	return strconv.Quote(s)
}
