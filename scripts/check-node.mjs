// Runs before npm start and npm test: a Node too old for the project is one line, not a syntax error deep in a stack.
const [major, minor] = process.versions.node.split('.').map(Number);
if (!(major > 22 || (major === 22) || (major === 20 && minor >= 19))) {
  console.error(`Node ${process.versions.node} is too old for SoulSeer: install Node 20.19+ or 22+ (package.json "engines"), e.g. with nvm install 22.`);
  process.exit(1);
}
