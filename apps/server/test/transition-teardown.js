module.exports = require('./transition-coverage').teardown;
