package lstm

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// File format identification. Version 2 stores a tensor's data as one
// base64 string of its float64 values, 8 bytes each, little-endian
// (10⅔ bytes of file a weight); version 1 stored an array of JSON numbers
// (about 20). Both are read; Write writes version 2's encoding.
const (
	FileFormat  = "forecaster-lstm"
	FileVersion = 2
)

// b64 is the tensors' encoding: standard base64 with padding; Strict, so
// every tensor has one spelling.
var b64 = base64.StdEncoding.Strict()

// File is the serialised form of a model: versioned JSON with the
// configuration, optionally the training settings, and the weights under
// PyTorch's names. Other packages may embed it in their own files and turn
// it back into a model with FromFile, which validates everything.
type File struct {
	Format  string       `json:"format"`  // FileFormat
	Version int          `json:"version"` // FileVersion
	Config  Config       `json:"config"`
	Optim   *OptimConfig `json:"optim,omitempty"` // training settings, informative
	Clip    *ClipConfig  `json:"clip,omitempty"`
	Params  []Tensor     `json:"params"` // in Model.Params order
}

// Tensor is one named parameter: shape as in PyTorch, data row-major. In
// JSON the data are a base64 string of the float64 values, little-endian
// (MarshalJSON); UnmarshalJSON also reads version 1's array of numbers.
type Tensor struct {
	Name  string    `json:"name"`
	Shape []int     `json:"shape"`
	Data  []float64 `json:"data"`
}

// File returns the serialisable form of m. The data are copies.
func (m *Model) File() File {
	f := File{Format: FileFormat, Version: FileVersion, Config: m.cfg}
	for _, p := range m.params {
		f.Params = append(f.Params, Tensor{Name: p.Name, Shape: p.Shape(), Data: append([]float64(nil), p.W...)})
	}
	return f
}

// File returns the model's File with the trainer's optimiser and clipping
// settings.
func (t *Trainer) File() File {
	f := t.m.File()
	o, c := t.opt.cfg, t.clip
	f.Optim, f.Clip = &o, &c
	return f
}

// FromFile validates f and returns the model it describes. It checks
// format, version, configuration (sizes are capped by Validate), the name,
// shape and length of every tensor and that every weight is finite, all
// before allocating the model.
func FromFile(f File) (*Model, error) {
	if f.Format != FileFormat {
		return nil, fmt.Errorf("lstm: not a model file (format %s)", quote(f.Format))
	}
	if f.Version < 1 || f.Version > FileVersion {
		return nil, fmt.Errorf("lstm: unsupported file version %d (this build reads 1..%d)", f.Version, FileVersion)
	}
	if err := f.Config.Validate(); err != nil {
		return nil, err
	}
	if f.Optim != nil {
		if err := f.Optim.Validate(); err != nil {
			return nil, err
		}
	}
	if f.Clip != nil {
		if err := f.Clip.Validate(); err != nil {
			return nil, err
		}
	}
	specs := paramSpecs(f.Config)
	if len(f.Params) != len(specs) {
		return nil, fmt.Errorf("lstm: file has %d parameters, configuration needs %d", len(f.Params), len(specs))
	}
	for i, s := range specs {
		p := f.Params[i]
		if p.Name != s.name {
			return nil, fmt.Errorf("lstm: parameter %d is %s, want %q", i, quote(p.Name), s.name)
		}
		if !equalShape(p.Shape, s.shape()) {
			return nil, fmt.Errorf("lstm: %s has shape %v, want %v", p.Name, p.Shape, s.shape())
		}
		if len(p.Data) != s.rows*s.cols {
			return nil, fmt.Errorf("lstm: %s has %d values, want %d", p.Name, len(p.Data), s.rows*s.cols)
		}
		if j := nonFinite(p.Data); j >= 0 {
			return nil, fmt.Errorf("lstm: %s[%d] is not finite", p.Name, j)
		}
	}
	m := build(f.Config)
	for i, p := range m.params {
		copy(p.W, f.Params[i].Data)
	}
	return m, nil
}

// shape is s's PyTorch shape.
func (s paramSpec) shape() []int {
	if s.vector {
		return []int{s.rows}
	}
	return []int{s.rows, s.cols}
}

func equalShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// nonFinite returns the index of the first NaN or ±Inf in x, or -1.
func nonFinite(x []float64) int {
	for j, v := range x {
		if !finite(v) {
			return j
		}
	}
	return -1
}

// quote returns s as a Go string literal, cut after 40 bytes with "…":
// file content quoted in an error stays short.
func quote(s string) string {
	const n = 40
	if len(s) <= n {
		return strconv.Quote(s)
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strconv.Quote(s[:i]) + "…"
}

// Writing. A file is written as it is encoded, straight from the weights:
// nothing the size of the file is held in memory.

// Save writes m as JSON (see File) and a newline. Weights round-trip
// exactly.
func (m *Model) Save(w io.Writer) error {
	if err := m.WriteJSON(w); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("lstm: writing model: %w", err)
	}
	return nil
}

// WriteJSON writes m's File as one JSON object, with no newline after it,
// for files that embed models. It encodes straight from the weights,
// without copying them. FileSize(m.Config()) is the number of bytes.
func (m *Model) WriteJSON(w io.Writer) error {
	ew := &errWriter{w: w}
	writeHeader(ew, File{Format: FileFormat, Version: FileVersion, Config: m.cfg})
	for i, p := range m.params {
		if i > 0 {
			ew.str(",")
		}
		writeTensor(ew, p.Name, p.Shape(), p.W)
	}
	ew.str("]}")
	return ew.result()
}

// Write writes f as JSON and a newline, its tensors' data in base64 as
// version 2 does (whatever f.Version says).
func (f File) Write(w io.Writer) error {
	ew := &errWriter{w: w}
	writeHeader(ew, f)
	for i, t := range f.Params {
		if i > 0 {
			ew.str(",")
		}
		writeTensor(ew, t.Name, t.Shape, t.Data)
	}
	ew.str("]}\n")
	return ew.result()
}

// MarshalJSON encodes t as Write does: data as base64.
func (t Tensor) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	ew := &errWriter{w: &b}
	writeTensor(ew, t.Name, t.Shape, t.Data)
	if err := ew.result(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UnmarshalJSON decodes a tensor of either version: data as base64 or as
// an array of numbers. It checks only the encoding; FromFile checks the
// rest. For files from elsewhere use Load or DecodeFile, which bound what
// they allocate.
func (t *Tensor) UnmarshalJSON(b []byte) error {
	var raw struct {
		Name  string          `json:"name"`
		Shape []int           `json:"shape"`
		Data  json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	t.Name, t.Shape, t.Data = raw.Name, raw.Shape, nil
	d := bytes.TrimSpace(raw.Data)
	if len(d) == 0 || d[0] != '"' {
		return json.Unmarshal(raw.Data, &t.Data) // version 1 (or null)
	}
	var s string
	if err := json.Unmarshal(d, &s); err != nil {
		return err
	}
	t.Data = make([]float64, b64.DecodedLen(len(s))/8)
	if err := decodeFloats(t.Data, s); err != nil {
		return fmt.Errorf("lstm: %s: %v", quote(t.Name), err)
	}
	return nil
}

// FileSize returns the exact number of bytes WriteJSON writes for a model
// of the valid configuration cfg (Save writes one more, the newline).
func FileSize(cfg Config) int64 {
	var c countWriter
	ew := &errWriter{w: &c}
	writeHeader(ew, File{Format: FileFormat, Version: FileVersion, Config: cfg})
	for i, s := range paramSpecs(cfg) {
		if i > 0 {
			ew.str(",")
		}
		writeTensorHead(ew, s.name, s.shape())
		c.n += int64(b64.EncodedLen(8 * s.rows * s.cols))
		ew.str(`"}`)
	}
	ew.str("]}")
	return c.n
}

// writeHeader writes f's fields up to and including `"params":[`, in the
// order of File's fields, as encoding/json would.
func writeHeader(ew *errWriter, f File) {
	ew.str(`{"format":`)
	ew.json(f.Format)
	ew.str(`,"version":`)
	ew.json(f.Version)
	ew.str(`,"config":`)
	ew.json(f.Config)
	if f.Optim != nil {
		ew.str(`,"optim":`)
		ew.json(f.Optim)
	}
	if f.Clip != nil {
		ew.str(`,"clip":`)
		ew.json(f.Clip)
	}
	ew.str(`,"params":[`)
}

// writeTensor writes one tensor object, its data as base64 of the
// little-endian float64 values, encoded 384 values at a time.
func writeTensor(ew *errWriter, name string, shape []int, data []float64) {
	writeTensorHead(ew, name, shape)
	enc := base64.NewEncoder(base64.StdEncoding, ew)
	var buf [8 * 384]byte
	for len(data) > 0 && ew.err == nil {
		n := min(len(data), 384)
		for i, v := range data[:n] {
			binary.LittleEndian.PutUint64(buf[8*i:], math.Float64bits(v))
		}
		enc.Write(buf[:8*n]) // errors are kept by ew
		data = data[n:]
	}
	enc.Close()
	ew.str(`"}`)
}

func writeTensorHead(ew *errWriter, name string, shape []int) {
	ew.str(`{"name":`)
	ew.json(name)
	ew.str(`,"shape":`)
	ew.json(shape)
	ew.str(`,"data":"`)
}

// errWriter keeps the first error of a run of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = fmt.Errorf("lstm: writing model: %w", err)
	}
	return n, e.err
}

func (e *errWriter) str(s string) { io.WriteString(e, s) }

func (e *errWriter) json(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		if e.err == nil {
			e.err = fmt.Errorf("lstm: encoding model: %w", err)
		}
		return
	}
	e.Write(b)
}

func (e *errWriter) result() error { return e.err }

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// decodeFloats decodes s, base64 of len(dst) little-endian float64 values,
// into dst, 4096 characters (384 values) at a time.
func decodeFloats(dst []float64, s string) error {
	if len(s) != b64.EncodedLen(8*len(dst)) {
		return fmt.Errorf("%d base64 characters for %d values; want %d", len(s), len(dst), b64.EncodedLen(8*len(dst)))
	}
	var src [4096]byte
	var raw [3072]byte
	for len(s) > 0 {
		n := copy(src[:], s)
		k, err := b64.Decode(raw[:], src[:n])
		if err != nil {
			return fmt.Errorf("invalid base64 data: %v", err)
		}
		if k%8 != 0 || k/8 > len(dst) || (len(s) > n && k != len(raw)) {
			return errors.New("invalid base64 data: padding before the end")
		}
		for i := 0; i < k; i += 8 {
			dst[0] = math.Float64frombits(binary.LittleEndian.Uint64(raw[i:]))
			dst = dst[1:]
		}
		s = s[n:]
	}
	if len(dst) != 0 {
		return errors.New("invalid base64 data: padding before the end")
	}
	return nil
}

// Reading. DecodeFile reads a File from a JSON stream token by token and
// checks every size the file declares against the configuration before it
// allocates for it, so that what a file can make this package allocate is
// bounded by the data it actually holds, not by what it claims.

// Load reads and validates a model written by Save (or by a version 1
// Forecaster) with DecodeFile.
func Load(r io.Reader) (*Model, error) {
	f, err := ReadFile(r)
	if err != nil {
		return nil, err
	}
	return FromFile(f)
}

// ReadFile reads one File from r with DecodeFile, which validates it as it
// reads. Anything after the File's closing brace is not read.
func ReadFile(r io.Reader) (File, error) {
	return DecodeFile(json.NewDecoder(r), nil)
}

// DecodeFile reads one File from dec, positioned before the File's opening
// brace, and validates it while it reads, as FromFile would: each field
// as it comes (Forecaster writes format and version first, so other files
// and versions are refused before anything else of them is read); the
// configuration must come before the parameters (as Forecaster writes
// them, and as sorting the keys leaves them). check, if not nil, may
// refuse a valid configuration
// before any parameter is read (an embedding file's own settings). Each
// tensor's name, shape and length are checked against the configuration
// before its data are decoded, and an array of numbers is read one number
// at a time and refused at the first one too many, so a file that
// declares more data than its configuration allows is refused without
// holding it. Unknown fields are skipped. Errors begin "lstm: "; reading
// errors of the underlying reader are wrapped (%w).
func DecodeFile(dec *json.Decoder, check func(Config) error) (File, error) {
	d := decoder{dec: dec}
	var f File
	seen := map[string]bool{}
	err := d.object(func(key string) error {
		if seen[key] {
			return fmt.Errorf("lstm: %s given twice", quote(key))
		}
		seen[key] = true
		switch key {
		case "format":
			if err := d.value(&f.Format); err != nil {
				return err
			}
			if f.Format != FileFormat {
				return fmt.Errorf("lstm: not a model file (format %s)", quote(f.Format))
			}
		case "version":
			if err := d.value(&f.Version); err != nil {
				return err
			}
			if f.Version < 1 || f.Version > FileVersion {
				return fmt.Errorf("lstm: unsupported file version %d (this build reads 1..%d)", f.Version, FileVersion)
			}
		case "config":
			if err := d.value(&f.Config); err != nil {
				return err
			}
			if err := f.Config.Validate(); err != nil {
				return err
			}
			if check != nil {
				if err := check(f.Config); err != nil {
					return err
				}
			}
		case "optim":
			if err := d.value(&f.Optim); err != nil {
				return err
			}
			if f.Optim != nil {
				if err := f.Optim.Validate(); err != nil {
					return err
				}
			}
		case "clip":
			if err := d.value(&f.Clip); err != nil {
				return err
			}
			if f.Clip != nil {
				if err := f.Clip.Validate(); err != nil {
					return err
				}
			}
		case "params":
			if !seen["config"] {
				return errors.New(`lstm: the parameters come before the configuration; a model file has "config" first`)
			}
			var err error
			f.Params, err = d.params(paramSpecs(f.Config))
			return err
		default:
			return d.skip()
		}
		return nil
	})
	if err != nil {
		return File{}, err
	}
	switch {
	case f.Format != FileFormat:
		return File{}, fmt.Errorf("lstm: not a model file (format %s)", quote(f.Format))
	case !seen["version"]:
		return File{}, errors.New("lstm: the model file has no version")
	case !seen["config"]:
		return File{}, errors.New("lstm: the model file has no configuration")
	case len(f.Params) != len(paramSpecs(f.Config)):
		return File{}, fmt.Errorf("lstm: file has %d parameters, configuration needs %d", len(f.Params), len(paramSpecs(f.Config)))
	}
	return f, nil
}

// decoder reads JSON tokens, turning the decoder's errors into "lstm: "
// errors.
type decoder struct{ dec *json.Decoder }

func (d decoder) fail(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("lstm: model file truncated")
	}
	return fmt.Errorf("lstm: reading model: %w", err)
}

func (d decoder) token() (json.Token, error) {
	t, err := d.dec.Token()
	if err != nil {
		return nil, d.fail(err)
	}
	return t, nil
}

// value decodes the next value into v.
func (d decoder) value(v any) error {
	if err := d.dec.Decode(v); err != nil {
		return d.fail(err)
	}
	return nil
}

func (d decoder) skip() error {
	var raw json.RawMessage
	return d.value(&raw)
}

// delim reads the next token, which must be want; what names the value in
// the error.
func (d decoder) delim(want json.Delim, what string) error {
	t, err := d.token()
	if err != nil {
		return err
	}
	if t != want {
		kind := "an object"
		if want == '[' {
			kind = "an array"
		}
		return fmt.Errorf("lstm: %s is not %s", what, kind)
	}
	return nil
}

// object reads an object, calling field for each key with the decoder
// before the key's value, which field must consume.
func (d decoder) object(field func(key string) error) error {
	if err := d.delim('{', "the model"); err != nil {
		return err
	}
	for d.dec.More() {
		t, err := d.token()
		if err != nil {
			return err
		}
		if err := field(t.(string)); err != nil {
			return err
		}
	}
	_, err := d.token() // '}'
	return err
}

// params reads the parameter array, which must hold one tensor per spec.
func (d decoder) params(specs []paramSpec) ([]Tensor, error) {
	if err := d.delim('[', "params"); err != nil {
		return nil, err
	}
	var out []Tensor
	for d.dec.More() {
		if len(out) == len(specs) {
			return nil, fmt.Errorf("lstm: file has more than %d parameters, configuration needs %d", len(specs), len(specs))
		}
		t, err := d.tensor(len(out), specs[len(out)])
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if _, err := d.token(); err != nil { // ']'
		return nil, err
	}
	return out, nil
}

// tensor reads parameter i, which must match s.
func (d decoder) tensor(i int, s paramSpec) (Tensor, error) {
	t := Tensor{Name: s.name}
	seen := map[string]bool{}
	if err := d.delim('{', s.name); err != nil {
		return t, err
	}
	for d.dec.More() {
		k, err := d.token()
		if err != nil {
			return t, err
		}
		key := k.(string)
		if seen[key] {
			return t, fmt.Errorf("lstm: %s: %s given twice", s.name, quote(key))
		}
		seen[key] = true
		switch key {
		case "name":
			var name string
			if err := d.value(&name); err != nil {
				return t, err
			}
			if name != s.name {
				return t, fmt.Errorf("lstm: parameter %d is %s, want %q", i, quote(name), s.name)
			}
		case "shape":
			if t.Shape, err = d.shape(s); err != nil {
				return t, err
			}
		case "data":
			if t.Data, err = d.data(s); err != nil {
				return t, err
			}
		default:
			if err := d.skip(); err != nil {
				return t, err
			}
		}
	}
	if _, err := d.token(); err != nil { // '}'
		return t, err
	}
	for _, k := range []string{"name", "shape", "data"} {
		if !seen[k] {
			return t, fmt.Errorf("lstm: parameter %d (%s) has no %s", i, s.name, k)
		}
	}
	return t, nil
}

// shape reads a shape of at most three numbers and checks it is s's.
func (d decoder) shape(s paramSpec) ([]int, error) {
	want := s.shape()
	if err := d.delim('[', s.name+"'s shape"); err != nil {
		return nil, err
	}
	var shape []int
	for d.dec.More() {
		t, err := d.token()
		if err != nil {
			return nil, err
		}
		v, ok := t.(float64)
		if !ok || v != math.Trunc(v) || math.Abs(v) > 1<<31 || len(shape) == 2 {
			return nil, fmt.Errorf("lstm: %s has a shape that is not %v", s.name, want)
		}
		shape = append(shape, int(v))
	}
	if _, err := d.token(); err != nil { // ']'
		return nil, err
	}
	if !equalShape(shape, want) {
		return nil, fmt.Errorf("lstm: %s has shape %v, want %v", s.name, shape, want)
	}
	return shape, nil
}

// data reads s's values: a base64 string (version 2), decoded only when
// its length is right, or an array of numbers (version 1), read one at a
// time and refused at the first one too many. Every value must be finite.
func (d decoder) data(s paramSpec) ([]float64, error) {
	n := s.rows * s.cols
	t, err := d.token()
	if err != nil {
		return nil, err
	}
	var out []float64
	switch v := t.(type) {
	case string:
		if len(v) != b64.EncodedLen(8*n) {
			return nil, fmt.Errorf("lstm: %s has %d base64 characters, want %d for %d values", s.name, len(v), b64.EncodedLen(8*n), n)
		}
		out = make([]float64, n)
		if err := decodeFloats(out, v); err != nil {
			return nil, fmt.Errorf("lstm: %s: %v", s.name, err)
		}
	case json.Delim:
		if v != '[' {
			return nil, fmt.Errorf("lstm: %s's data is not base64 or an array of numbers", s.name)
		}
		out = make([]float64, 0, min(n, 1<<16))
		for d.dec.More() {
			if len(out) == n {
				return nil, fmt.Errorf("lstm: %s has more than %d values, want %d", s.name, n, n)
			}
			t, err := d.token()
			if err != nil {
				return nil, err
			}
			x, ok := t.(float64)
			if !ok {
				return nil, fmt.Errorf("lstm: %s[%d] is not a number", s.name, len(out))
			}
			out = append(out, x)
		}
		if _, err := d.token(); err != nil { // ']'
			return nil, err
		}
		if len(out) != n {
			return nil, fmt.Errorf("lstm: %s has %d values, want %d", s.name, len(out), n)
		}
	default:
		return nil, fmt.Errorf("lstm: %s's data is not base64 or an array of numbers", s.name)
	}
	if j := nonFinite(out); j >= 0 {
		return nil, fmt.Errorf("lstm: %s[%d] is not finite", s.name, j)
	}
	return out, nil
}
