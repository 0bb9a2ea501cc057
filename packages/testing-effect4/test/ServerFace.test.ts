import { FakeClerk } from "../src/index.js"
import { behaviourSuite } from "./behaviour.js"

behaviourSuite("loopback server face", (options) => FakeClerk.layerServerWithHttpClient(options))
