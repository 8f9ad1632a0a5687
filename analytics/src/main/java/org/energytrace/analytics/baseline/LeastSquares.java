package org.energytrace.analytics.baseline;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.energytrace.analytics.AnalyticsException;
import org.energytrace.analytics.AnalyticsException.Code;

/** Ordinary least squares by Householder QR: β̂ = R⁻¹Qᵀy, (XᵀX)⁻¹ = R⁻¹R⁻ᵀ. */
final class LeastSquares {

  /** Relative size of the smallest |Rᵢᵢ| below which X is treated as rank-deficient. */
  private static final double RANK_TOLERANCE = 1e-10;

  record Solution(double[] beta, double[] fitted, double ssRes, RealMatrix xtxInverse) {}

  private LeastSquares() {}

  static Solution solve(double[][] x, double[] y, String what) {
    int n = x.length;
    int k = x[0].length;
    if (n < k) {
      throw new AnalyticsException(
          Code.INSUFFICIENT_DATA, what + ": " + n + " points for " + k + " coefficients");
    }
    RealMatrix design = new Array2DRowRealMatrix(x, false);
    QRDecomposition qr = new QRDecomposition(design, 0.0);
    RealMatrix r = qr.getR().getSubMatrix(0, k - 1, 0, k - 1);
    double maxDiag = 0;
    double minDiag = Double.POSITIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(r.getEntry(i, i)));
      minDiag = Math.min(minDiag, Math.abs(r.getEntry(i, i)));
    }
    if (!(minDiag > RANK_TOLERANCE * maxDiag)) {
      throw new AnalyticsException(
          Code.SINGULAR_MODEL,
          what + ": the variables are constant or collinear over the baseline");
    }
    double[] beta = qr.getSolver().solve(new ArrayRealVector(y, false)).toArray();
    double[] fitted = design.operate(beta);
    double ssRes = 0;
    for (int i = 0; i < n; i++) {
      double e = y[i] - fitted[i];
      ssRes += e * e;
    }
    RealMatrix rInv = new LUDecomposition(r).getSolver().getInverse();
    return new Solution(beta, fitted, ssRes, rInv.multiply(rInv.transpose()));
  }
}
