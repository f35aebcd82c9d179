module.exports = require('./transition-coverage').setup;
