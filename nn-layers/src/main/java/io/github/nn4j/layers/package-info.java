/**
 * Torch {@code nn} layers, table gates and containers, one class per Torch module and named as in
 * Torch ({@code Max}, {@code View}, {@code CAddTable}, {@code Sequential}, …).
 *
 * <p>Every module computes what Lua Torch7's {@code nn} computes (checked against files written by
 * real Torch), with Java manners: dimensions and indices are <b>0-based</b> (Lua's dimension 1 is
 * dimension 0 here, Lua's {@code SelectTable(1)} is {@code new SelectTable(0)}), a wrong input is an
 * {@link java.lang.IllegalArgumentException} naming the module and both shapes, and containers are
 * generic so that a tensor-to-tensor network returns a {@link io.github.nn4j.Tensor} without casts:
 * <pre>{@code
 * Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
 *         .add(new Linear(4, 3)).add(new ReLU()).add(new Linear(3, 2));
 * Tensor y = net.forward(Tensor.uniform(-1, 1, 5, 4));
 * }</pre>
 *
 * <p>The simple layers ({@link io.github.nn4j.layers.Linear}, {@link io.github.nn4j.layers.ReLU},
 * {@link io.github.nn4j.layers.Threshold}, {@link io.github.nn4j.layers.Sigmoid},
 * {@link io.github.nn4j.layers.Tanh}, {@link io.github.nn4j.layers.Add},
 * {@link io.github.nn4j.layers.Mul}, {@link io.github.nn4j.layers.CMul},
 * {@link io.github.nn4j.layers.MulConstant}, {@link io.github.nn4j.layers.SoftMax},
 * {@link io.github.nn4j.layers.LogSoftMax}, {@link io.github.nn4j.layers.Identity},
 * {@link io.github.nn4j.layers.Dropout}) initialise their parameters by drawing from
 * {@link io.github.nn4j.TorchRandom#global()} in Torch's order, so {@code TorchRandom.manualSeed(s)}
 * followed by a constructor gives the weights of {@code torch.manualSeed(s)} followed by the same
 * constructor in Lua. They reuse their {@code output}/{@code gradInput} buffers (a training step of
 * a steady batch size allocates nothing), multiply matrices through
 * {@link io.github.nn4j.linalg.Gemm} and run element-wise work as single loops over the backing
 * arrays.
 *
 * <p>The computational graph {@link io.github.nn4j.layers.Graph} (nngraph's {@code nn.gModule})
 * connects modules into any directed acyclic graph, as a backpropagation lecture draws it; the
 * element-wise functions its circuits are built from are {@link io.github.nn4j.layers.Square},
 * {@link io.github.nn4j.layers.Power}, {@link io.github.nn4j.layers.Exp},
 * {@link io.github.nn4j.layers.Log}, {@link io.github.nn4j.layers.AddConstant},
 * {@link io.github.nn4j.layers.Abs} and {@link io.github.nn4j.layers.Sqrt}.
 */
package io.github.nn4j.layers;
