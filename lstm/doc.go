// Package lstm is a stacked LSTM with a dense head, trained by full
// backpropagation through time, with the stabilisers of the seed article
// (gradient clipping, L1/L2 penalties, layer normalisation, Xavier/He/
// orthogonal initialisation, forget-gate bias, optimisers) and the
// telemetry to watch gradients vanish or explode. It is float64 throughout
// (unless Config.Precision asks for float32 products), imports nothing else
// from this project, and agrees with PyTorch's nn.LSTM to 1e-9.
//
// # Overview
//
// A Model is built from a Config (New) or a File (FromFile, Load). A
// Trainer runs training steps; Model.Predict and Model.EvalLoss run
// inference. A Workspace gives direct access to Forward and Backward with
// initial and final states, as used by the PyTorch parity tests.
//
//	cfg := lstm.DefaultConfig(1, 64, 12) // I, H, O
//	cfg.Layers = 2
//	m, err := lstm.New(cfg)
//	tr, err := lstm.NewTrainer(m, 32, 48, lstm.OptimConfig{Kind: "adam", LR: 1e-3},
//		lstm.ClipConfig{Mode: "norm", Max: 1})
//	st, err := tr.Step(x, y, 32) // x (32,48,1), y (32,12)
//
// # Equations
//
// For layer k with input x_t (x itself for k = 0, the previous layer's h_t
// after dropout otherwise), gates stacked i, f, g, o as in PyTorch:
//
//	a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh           (4H)
//	i = σ(a_i), f = σ(a_f), g = tanh(a_g), o = σ(a_o)
//	c_t = f ⊙ c_{t−1} + i ⊙ g
//	h_t = o ⊙ tanh(c_t)
//	ŷ   = W_head h_T(top layer) + b_head                  (O)
//
// With Config.LayerNorm (LayerNorm-LSTM, Ba et al. 2016) the two products
// are normalised separately, each over all 4H pre-activations with its own
// gain and bias, and the cell state is normalised before the tanh:
//
//	a_t = LN_ih(W_ih x_t) + LN_hh(W_hh h_{t−1}) + b_ih + b_hh
//	h_t = o ⊙ tanh(LN_c(c_t))                             (c_t itself is carried on)
//
// LN(z) = γ ⊙ (z − mean z)/√(var z + 1e-5) + β, var the biased variance, γ
// starting at 1 and β at 0.
//
// # Shapes and layouts
//
// All matrices are row-major []float64. Parameters (Model.Params, in this
// order, named as PyTorch names them so weights exchange both ways):
//
//	weight_ih_l{k}   (4H, I) for k = 0, (4H, H) above   rows: i, f, g, o blocks of H
//	weight_hh_l{k}   (4H, H)
//	bias_ih_l{k}     (4H)
//	bias_hh_l{k}     (4H)
//	ln_ih_l{k}.weight, ln_ih_l{k}.bias  (4H)   only with LayerNorm
//	ln_hh_l{k}.weight, ln_hh_l{k}.bias  (4H)   only with LayerNorm
//	ln_c_l{k}.weight,  ln_c_l{k}.bias   (H)    only with LayerNorm
//	head.weight      (O, H)                       as nn.Linear(H, O)
//	head.bias        (O)
//
// Every Param.W (and Param.G) is a view into one flat slice
// (Model.Weights, Model.Grads) in that order, so one loop can zero, clip
// or update all of them.
//
// Inputs are batch-first like nn.LSTM(batch_first=True): x is (B,T,I),
// targets y are (B,O), top-layer outputs (B,T,H); states h0, c0, h_n, c_n
// are (L,B,H). Inside a Workspace buffers are time-major, (T,B,·), so the
// block of one step is contiguous; the input projections of all T steps
// of a layer are one matrix product, and the weight gradients
// dW_ih = Σ_t dA_tᵀ x_t and dW_hh = Σ_t dA_tᵀ h_{t−1} are one product per
// chunk of steps (at most 512 rows of steps × batch), taken while the
// chunk's gate gradients dA are still in cache.
//
// # Initialisation
//
// Config.InputInit applies to weight_ih_l{k} and head.weight,
// Config.RecurrentInit to weight_hh_l{k}; fans are those of the whole
// matrix (torch.nn.init's convention), except "orthogonal", which makes
// each H-row gate block orthogonal (or with orthonormal columns when it is
// H×I with I < H). Biases are drawn from U(±1/√H) when InputInit is
// "pytorch" and are zero otherwise; then the forget block of bias_ih is set
// to Config.ForgetBias and that of bias_hh to 0, so the forget gate starts
// with a total bias of exactly ForgetBias. Layer-norm gains start at 1,
// their biases at 0. The draws come from a math/rand/v2 PCG seeded with
// Config.Seed, so the same Config gives the same weights.
//
// # Loss and penalties
//
// Data losses are means over the B×O outputs (MSE, MAE, Huber with
// HuberDelta, as PyTorch's default reduction). The penalty is the article's
// §3.2, L1·Σ|w| + (L2/2)·Σw², over the weight matrices weight_ih, weight_hh
// and head.weight only; biases and layer-norm parameters are not penalised.
// Its gradient (L1·sign(w) + L2·w, sign(0) = 0) is added by Trainer.Step;
// StepStats reports DataLoss and Penalty apart, Loss is their sum.
// Optimiser weight decay (OptimConfig.WeightDecay) is separate and applies
// to every parameter, as in torch.optim.
//
// # Backward
//
// Workspace.Backward ADDS the gradient of every parameter to Param.G: call
// Model.ZeroGrad first for a fresh gradient (Trainer.Step does). It takes
// the incoming gradients of the head output, of the top layer's outputs at
// every step and of the final states (each optional), and can return the
// gradients of the input and the initial states, which it overwrites. It
// relies on the caches of the last Forward of the same Workspace.
//
// # What is never modified
//
// Forward, Backward, Step, Predict and EvalLoss never modify or retain x,
// y, h0, c0 or incoming gradients. Backward never modifies the weights;
// only the optimiser update in Step does, and only after the loss and the
// gradient norm were found finite: a step with a NaN or infinite loss or
// gradient returns ErrNonFinite (StepStats.Skipped) and leaves weights and
// optimiser state untouched (the gradients of the skipped step stay in
// Param.G for inspection).
//
// # Clipping and optimisers
//
// ClipConfig "norm" rescales all gradients together by
// Max/(norm+1e-6) when that is below 1 and reports the norm before
// clipping, as torch.nn.utils.clip_grad_norm_; "value" clamps each element
// to [−Max, Max]. Optimisers follow torch.optim 1.13: SGD with momentum
// (first step initialises the buffer with the gradient, no dampening),
// Adam, AdamW (decoupled decay), RMSprop (optionally with momentum).
//
// # Telemetry
//
// Trainer.Stats returns, for the last step: the global gradient norm
// before and after clipping; per-layer and head norms; per-layer norms of
// the i, f, g, o row blocks of every 4H-row parameter; the gradient-by-time
// profile, batch means of ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ for every step of every
// layer (∂L/∂h_t is the total gradient reaching h_t from above and from
// t+1; ∂L/∂c_t includes the path through h_t); and the share of input,
// forget and output gate activations above 0.99 or below 0.01.
//
// # Dropout
//
// Config.Dropout zeroes elements of a layer's output before the next
// layer, scaling the survivors by 1/(1−p), only in training passes and
// never after the top layer (nn.LSTM's rule). Masks come from a PCG stream
// seeded with Config.Seed, so training is reproducible bit for bit.
//
// # Files
//
// Model.Save and Load use a versioned JSON File holding the Config, the
// optional training settings (Trainer.File) and the weights as named
// tensors with PyTorch shapes. Version 2 stores a tensor's data as base64
// of its float64 values, little-endian (10⅔ bytes a weight; in Python
// numpy.frombuffer(base64.b64decode(s), "<f8")); version 1's arrays of
// numbers are still read. Writing streams from the weights (WriteJSON),
// and FileSize gives a configuration's exact file size beforehand.
//
// Load reads with DecodeFile, token by token, and validates while it
// reads: format and version first, then the configuration (sizes capped
// by MaxInputSize, MaxHiddenSize, MaxLayers, MaxOutputSize), which must
// come before the parameters; each tensor's name, shape and length are
// checked against the configuration before its data are decoded, numbers
// are read one at a time and refused at the first one too many, and every
// weight must be finite. So a file can make Load allocate only in
// proportion to the data it holds, never to sizes it declares; the model
// is allocated last. FromFile validates an in-memory File the same way.
// Damaged input gives an error, never a panic (FuzzLoad). Weights
// round-trip bit for bit.
//
// # Precision
//
// Config.Precision "float64" (the default) computes everything in float64.
// "float32" (not with LayerNorm) computes every matrix product of the
// forward and backward passes in float32 (gemm.Sgemm, twice the values per
// instruction and half the memory traffic of float64): the weights are
// rounded to float32 at every Forward, the hidden states and gate
// gradients as the products read them, and the products' results are
// widened back to float64. The element-wise work (gate activations, cell
// state, their derivatives), the head, the bias and input-gradient sums,
// the penalty, clipping and the optimiser stay in float64, and the model's
// weights (and so its files) stay float64. The narrow input projection of
// at most 4 columns fused into the step loop stays float64 too. Results
// agree with PyTorch in float32 within 1e-4 relative; they are closer to
// the float64 results than PyTorch's float32 ones are (TestTorch32Parity).
//
// # Errors and panics
//
// Bad data and bad settings give errors beginning "lstm: ". Programmer
// mistakes — slices whose lengths do not match B, T and the model's sizes,
// batches larger than a workspace — panic.
//
// # Concurrency and speed
//
// A Model's Predict and EvalLoss reuse a workspace inside the model, and
// a Trainer or Workspace belongs to one goroutine; Clone gives independent
// copies. In steady state Trainer.Step and Predict allocate nothing.
//
// All matrix products go through one internal function (mm, in mm.go),
// backed by package internal/gemm, or in float32 through internal/f32's
// Mul (gemm's Sgemm). The rows of a batch are independent
// through time, so for batches with B·H ≥ 1024 each layer's run of steps
// is split into two halves of rows, each doing its own recurrent products
// and element-wise work for all the steps of the run: a layer's forward
// pass, or a chunk of steps of its backward pass, after which the chunk's
// weight gradients are added by products shared across both cores. One
// half is offered to a single package-wide helper goroutine, started on
// first use and living for the rest of the process, and done by the
// caller itself when the helper is busy. The halves meet once per run
// rather than once per step. Each half keeps its own partial sums, merged
// in a fixed order, and a half's products give the same bits as the whole
// batch's, so results are the same
// bit for bit whichever goroutine ran it; with layer norm each half sums
// its own layer-norm gain and bias gradients too. Inputs of at most 4 columns are
// projected inside the step loop (without layer norm) instead of by one
// product over all steps, which for such narrow inputs is all memory
// traffic. On CPUs with AVX-512, or AVX2 and FMA, the element-wise work of a row — the gate
// activations, the cell update and their derivatives — runs in assembly
// loops over 8 or 4 values at a time (internal/vec, vec_amd64.s) with a polynomial
// exponential; elsewhere, and for the layer-norm parts, in Go with a
// table-based exponential (internal/vec/fastmath.go). Both agree with the math package
// to 1e-15 relative (TestFastMath, TestVecMath).
package lstm
