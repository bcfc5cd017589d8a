public enum CrierTestSupport {}
