/**
 * ONNX export and import: {@link dev.neurite.onnx.Onnx}.
 *
 * <h2>Why a protobuf encoder of its own</h2>
 * ONNX files are protocol buffer messages. This module reads and writes them with a small encoder
 * of its own ({@code ProtoReader}, {@code ProtoWriter}, and {@code OnnxCodec} for the field
 * numbers of {@code onnx.proto}) instead of protobuf-java with generated classes:
 * <ul>
 *   <li>a Neurite model needs seven messages (model, graph, node, attribute, tensor, value info,
 *       operator set) and four wire types, a few hundred lines, where protobuf-java is a 1.8 MB
 *       dependency (4.28 to 4.31) plus the classes generated for all of {@code onnx.proto};</li>
 *   <li>the module keeps the core's promise of no dependency beyond the JDK, so an application
 *       that embeds Neurite, or a native image of it, gains no library by reading ONNX;</li>
 *   <li>the reader is written for untrusted files: every length is checked against the bytes left
 *       before anything is allocated, and every tensor's data against its dimensions, so a corrupt
 *       file fails with the byte offset and the field, never with an {@code OutOfMemoryError}.</li>
 * </ul>
 * The price is that fields this module does not know are skipped rather than kept. The tests
 * hold it to the reference implementations: ONNX Runtime runs every exported file, the
 * {@code onnx} package's checker accepts them, and files written by {@code torch.onnx.export} load.
 */
package dev.neurite.onnx;
