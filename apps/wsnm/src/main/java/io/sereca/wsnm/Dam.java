package io.sereca.wsnm;

/**
 * The seven reservoirs of the water-supply network (Basilicata and Campania, Italy).
 *
 * <p>Figures are rounded public orders of magnitude used as simulation parameters, not survey
 * data: useful capacity, the regulation (maximum operating) level, the minimum operating level,
 * the catchment area feeding the reservoir and the mean water demand drawn through the outlet.
 */
public enum Dam {
  /** Monte Cotugno on the Sinni: the largest earth-fill dam in Europe. */
  MONTE_COTUGNO("Monte Cotugno", 433.0, 252.0, 212.0, 865.0, 9.0),
  /** Pertusillo on the Agri. */
  PERTUSILLO("Pertusillo", 142.0, 532.0, 505.0, 178.0, 4.5),
  /** Conza on the Ofanto. */
  CONZA("Conza", 63.0, 426.0, 404.0, 253.0, 2.2),
  /** Saetta near Pescopagano: a small high-altitude reservoir. */
  SAETTA("Saetta", 3.5, 1018.0, 1008.0, 7.0, 0.15),
  /** Camastra on the Camastra, tributary of the Basento. */
  CAMASTRA("Camastra", 32.0, 534.0, 515.0, 350.0, 1.1),
  /** Acerenza on the Bradano. */
  ACERENZA("Acerenza", 47.0, 452.0, 430.0, 140.0, 1.3),
  /** Genzano on the Fiumarella di Genzano. */
  GENZANO("Genzano", 54.0, 400.0, 380.0, 110.0, 1.4);

  private final String displayName;
  private final double capacityMm3;
  private final double maxOperatingLevel;
  private final double minOperatingLevel;
  private final double catchmentKm2;
  private final double demandM3s;

  Dam(String displayName, double capacityMm3, double maxOperatingLevel, double minOperatingLevel,
      double catchmentKm2, double demandM3s) {
    this.displayName = displayName;
    this.capacityMm3 = capacityMm3;
    this.maxOperatingLevel = maxOperatingLevel;
    this.minOperatingLevel = minOperatingLevel;
    this.catchmentKm2 = catchmentKm2;
    this.demandM3s = demandM3s;
  }

  /** Human name, e.g. "Monte Cotugno". */
  public String displayName() {
    return displayName;
  }

  /** Useful capacity between the minimum and the maximum operating level, in millions of m³. */
  public double capacityMm3() {
    return capacityMm3;
  }

  /** Maximum operating (regulation) level, m a.s.l.; the spillway starts releasing above it. */
  public double maxOperatingLevel() {
    return maxOperatingLevel;
  }

  /** Minimum operating level, m a.s.l.: the reservoir is empty (of useful volume) there. */
  public double minOperatingLevel() {
    return minOperatingLevel;
  }

  /** Dam crest, m a.s.l.: a few metres above the maximum operating level (freeboard). */
  public double crestLevel() {
    return maxOperatingLevel + 4.0;
  }

  /** Catchment area feeding the reservoir, km². */
  public double catchmentKm2() {
    return catchmentKm2;
  }

  /** Mean release through the outlet for water supply and irrigation, m³/s. */
  public double demandM3s() {
    return demandM3s;
  }

  /** Default Modbus TCP port of this dam's logger: 5021 for the first dam up to 5027. */
  public int defaultPort() {
    return DamSimulatorOptions.DEFAULT_BASE_PORT + ordinal();
  }
}
