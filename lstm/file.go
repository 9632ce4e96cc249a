package lstm

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// File format identification.
const (
	FileFormat  = "forecaster-lstm"
	FileVersion = 1
)

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

// Tensor is one named parameter: shape as in PyTorch, data row-major.
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
		return nil, fmt.Errorf("lstm: not a model file (format %q)", f.Format)
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
			return nil, fmt.Errorf("lstm: parameter %d is %q, want %q", i, p.Name, s.name)
		}
		want := []int{s.rows, s.cols}
		if s.vector {
			want = want[:1]
		}
		if len(p.Shape) != len(want) || p.Shape[0] != want[0] || (len(want) == 2 && p.Shape[1] != want[1]) {
			return nil, fmt.Errorf("lstm: %s has shape %v, want %v", p.Name, p.Shape, want)
		}
		if len(p.Data) != s.rows*s.cols {
			return nil, fmt.Errorf("lstm: %s has %d values, want %d", p.Name, len(p.Data), s.rows*s.cols)
		}
		for j, v := range p.Data {
			if !finite(v) {
				return nil, fmt.Errorf("lstm: %s[%d] is not finite", p.Name, j)
			}
		}
	}
	m := build(f.Config)
	for i, p := range m.params {
		copy(p.W, f.Params[i].Data)
	}
	return m, nil
}

// Save writes m as JSON (see File). Weights round-trip exactly.
func (m *Model) Save(w io.Writer) error { return m.File().Write(w) }

// Write writes f as JSON.
func (f File) Write(w io.Writer) error {
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("lstm: encoding model: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("lstm: writing model: %w", err)
	}
	return nil
}

// ReadFile decodes a File from r without validating it beyond JSON
// syntax; FromFile validates. Unknown fields are ignored, so that a file
// from a newer version is rejected by its version number.
func ReadFile(r io.Reader) (File, error) {
	var f File
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return File{}, errors.New("lstm: model file truncated")
		}
		return File{}, fmt.Errorf("lstm: reading model: %w", err)
	}
	return f, nil
}

// Load reads and validates a model written by Save.
func Load(r io.Reader) (*Model, error) {
	f, err := ReadFile(r)
	if err != nil {
		return nil, err
	}
	return FromFile(f)
}
