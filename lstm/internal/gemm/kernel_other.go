//go:build !amd64 || purego

package gemm

// kernels lists the kernels this CPU can run, slowest first.
func kernels() []*kernel { return []*kernel{goKernel} }
