package dev.neurite.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where a row's features are: one vector column, or several named numeric columns read in the
 * given order (no {@code VectorAssembler} needed). Checked against the schema once; each row's
 * values are checked as they are read, and a null or a vector of the wrong size is an error
 * naming its column.
 */
final class FeatureColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[] indices;
    private final boolean vector;

    private FeatureColumns(String[] names, int[] indices, boolean vector) {
        this.names = names;
        this.indices = indices;
        this.vector = vector;
    }

    /** The vector column {@code vectorColumn}, or the numeric {@code numericColumns} when there are any. */
    static FeatureColumns of(StructType schema, String vectorColumn, String[] numericColumns) {
        if (numericColumns.length == 0) {
            StructField f = field(schema, vectorColumn);
            if (!f.dataType().equals(SQLDataTypes.VectorType())) {
                throw new IllegalArgumentException("column " + vectorColumn + " is " + f.dataType().simpleString()
                        + ", not a vector (assemble numeric columns with VectorAssembler, or name them with "
                        + "setFeatureCols)");
            }
            return new FeatureColumns(new String[] {vectorColumn}, new int[] {schema.fieldIndex(vectorColumn)}, true);
        }
        int[] indices = new int[numericColumns.length];
        for (int i = 0; i < numericColumns.length; i++) {
            StructField f = field(schema, numericColumns[i]);
            if (!(f.dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("column " + numericColumns[i] + " is " + f.dataType().simpleString()
                        + ", not numeric");
            }
            indices[i] = schema.fieldIndex(numericColumns[i]);
        }
        return new FeatureColumns(numericColumns.clone(), indices, false);
    }

    private static StructField field(StructType schema, String name) {
        if (!Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("column " + name + " not found; the DataFrame has "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(name);
    }

    /** The number of features of {@code row} (the first row's decides for a vector column). */
    int count(Row row) {
        return vector ? vectorOf(row).size() : indices.length;
    }

    /** Row {@code row}'s {@code expected} features into {@code out} from {@code at}. */
    void read(Row row, int expected, double[] out, int at) {
        if (vector) {
            Vector v = vectorOf(row);
            if (v.size() != expected) {
                throw new IllegalArgumentException("column " + names[0] + ": a row has " + v.size()
                        + " features, " + expected + " expected");
            }
            double[] a = v.toArray();
            System.arraycopy(a, 0, out, at, expected);
            return;
        }
        for (int i = 0; i < indices.length; i++) {
            if (row.isNullAt(indices[i])) {
                throw new IllegalArgumentException("column " + names[i] + ": a row has no value (null)");
            }
            out[at + i] = ((Number) row.get(indices[i])).doubleValue();
        }
    }

    private Vector vectorOf(Row row) {
        if (row.isNullAt(indices[0])) {
            throw new IllegalArgumentException("column " + names[0] + ": a row has no feature vector (null)");
        }
        return row.getAs(indices[0]);
    }
}
