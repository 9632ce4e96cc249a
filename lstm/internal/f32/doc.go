// Package f32 holds the float32 side of the lstm package's Config.Precision
// "float32": the buffers its matrix products read and write (Buffers) and
// the helpers around those products (Mul, Transpose, AddTo). Package lstm
// rounds its weights, hidden states and gate gradients into these buffers
// and widens the products' results back into its float64 buffers; see its
// documentation, "Precision".
package f32
