//go:build !amd64 || purego

package gemm

// kernels lists the kernels this CPU can run, for the tests.
func kernels() []*kernel { return []*kernel{goKernel} }
